// Stages module
