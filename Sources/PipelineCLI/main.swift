print("pipeline: not yet built")
