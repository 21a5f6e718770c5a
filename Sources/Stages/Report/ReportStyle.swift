/// The stylesheet every HTML report carries inline: print-friendly, system fonts, no web fonts.
enum ReportStyle {
    static let css = """
    :root { --ink: #1d2330; --muted: #5b6475; --rule: #dfe3ea; --soft: #f5f7fa; --accent: #0072B2;
            --good: #1a7f37; --bad: #b42318; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #fff; color: var(--ink);
           font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 32px 40px 64px; }
    header.report { border-bottom: 2px solid var(--ink); padding-bottom: 14px; margin-bottom: 8px; }
    header.report h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
    header.report .subtitle { color: var(--muted); font-size: 14px; }
    header.report code { font-size: 13px; }
    h2 { font-size: 18px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 15px; margin: 18px 0 8px; color: var(--muted); font-weight: 600; }
    p.note { color: var(--muted); font-size: 13px; margin: 6px 0; }
    code, pre { font-family: "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
    pre.spec { background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px;
               font-size: 12.5px; line-height: 1.45; overflow-x: auto; margin: 8px 0; }
    .cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 18px 0 4px; }
    .card { flex: 1 1 150px; border: 1px solid var(--rule); border-radius: 8px; padding: 10px 14px; }
    .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
    .card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .card .detail { color: var(--muted); font-size: 12px; }
    table.data { border-collapse: collapse; font-size: 13.5px; margin: 6px 0; }
    table.data th, table.data td { padding: 5px 12px; border-bottom: 1px solid var(--rule); text-align: left; }
    table.data th { background: var(--soft); font-weight: 600; border-bottom: 1px solid #c9ced8; }
    table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.data td.better { color: var(--good); text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.data td.worse { color: var(--bad); text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.data td.key { font-family: "SF Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
    table.data tr.baseline td { background: #f2f7fc; }
    table.confusion td.num { min-width: 120px; }
    .charts { display: flex; flex-wrap: wrap; gap: 18px; }
    .charts figure { flex: 1 1 420px; min-width: 0; }
    .charts svg.chart { width: 100%; }
    figure { margin: 6px 0; }
    figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
    svg.chart { background: #fff; border: 1px solid var(--rule); border-radius: 6px; max-width: 100%; height: auto; }
    svg.chart .grid { stroke: #edf0f4; }
    svg.chart .axis { stroke: #9aa3b2; }
    svg.chart text { font-family: inherit; fill: var(--muted); }
    svg.chart .tick { font-size: 11px; }
    svg.chart .axis-title { font-size: 12px; fill: var(--ink); }
    svg.chart .legend { font-size: 12px; fill: var(--ink); }
    .overlays { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; }
    .overlays img { width: 100%; image-rendering: pixelated; border-radius: 4px; border: 1px solid var(--rule); }
    .verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; }
    .verdict.yes { background: #e6f4ea; color: var(--good); }
    .verdict.no { background: #fde8e7; color: var(--bad); }
    details summary { cursor: pointer; color: var(--accent); font-size: 14px; margin: 6px 0; }
    footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 10px; }
    @media print { main { padding: 0; } details { display: block; } }
    """
}
