/// The style sheet every HTML page inlines. System fonts only (the page must not fetch any); colours
/// chosen so that reads and writes, cache and database stay apart for colour-blind readers too
/// (blue/orange, with shape and labels carrying the meaning as well).
enum HTMLStyle {
    static let css = """
        :root { --read: #3b7dd8; --write: #e08a1e; --cache: #2a9d8f; --database: #8e5bd0; --marked: #d62828;
          --stale: rgba(214, 40, 40, 0.13); --ink: #1d2330; --muted: #667085; --rule: #d9dee7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
          background: #f6f7f9; }
        header { padding: 18px 28px 10px; background: #fff; border-bottom: 1px solid var(--rule); }
        h1 { margin: 0; font-size: 21px; } h2 { font-size: 17px; margin: 26px 0 8px; } h3 { font-size: 15px; margin: 0 0 6px; }
        .subtitle { margin: 4px 0 0; color: var(--muted); }
        main { padding: 8px 28px 40px; }
        code, pre, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
        table.properties, table.matrix { border-collapse: collapse; background: #fff; margin: 8px 0 16px; }
        table.properties td, table.properties th, table.matrix td, table.matrix th { padding: 6px 12px;
          border: 1px solid var(--rule); text-align: left; }
        th { background: #eef1f5; font-weight: 600; }
        .verdict-violated { color: var(--marked); font-weight: 700; } .verdict-holds { color: #2b8a3e; font-weight: 600; }
        .verdict-undecided { color: #a15c00; font-weight: 600; }
        .verdict-undecided { color: #b7791f; font-weight: 600; }
        section.timeline, section.panel { background: #fff; border: 1px solid var(--rule); border-radius: 8px;
          padding: 14px 16px; margin: 14px 0; }
        .explanation { margin: 2px 0 8px; }
        .replay { display: flex; gap: 8px; align-items: center; margin: 6px 0 10px; }
        .replay code { background: #f0f2f5; padding: 5px 8px; border-radius: 5px; overflow-x: auto; white-space: nowrap;
          max-width: 100%; user-select: all; }
        button { font: inherit; font-size: 12.5px; padding: 3px 10px; border: 1px solid #c4cad4; border-radius: 5px;
          background: #fff; cursor: pointer; } button:hover { background: #eef1f5; }
        .toolbar { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
        .axis-name { color: var(--muted); font-size: 12.5px; margin-left: 8px; }
        .frame { display: flex; border: 1px solid var(--rule); border-radius: 6px; max-height: 78vh; overflow-y: auto; }
        .labels { flex: none; width: 118px; background: #fafbfc; border-right: 1px solid var(--rule); position: relative; }
        .labels div { position: absolute; left: 0; right: 0; padding: 0 8px; font-size: 12px; white-space: nowrap;
          overflow: hidden; cursor: pointer; border-bottom: 1px solid #eef0f3; }
        .labels div.folded { color: var(--muted); font-size: 0; }
        .labels div.cache, .labels div.database { cursor: default; font-weight: 600; }
        .labels div.cache { color: var(--cache); } .labels div.database { color: var(--database); }
        .scroll { overflow-x: auto; flex: 1; position: relative; }
        svg.chart { display: block; }
        .row-band { fill: #fff; } .row-band.odd { fill: #fafbfc; } .row-band.content { fill: #f4f7f6; }
        .op-bar rect { stroke-width: 1; rx: 3; } .op-bar.read rect { fill: #dce9fb; stroke: var(--read); }
        .op-bar.write rect { fill: #fde8cf; stroke: var(--write); }
        .op-bar.failed rect, .op-bar.crashed rect { stroke-dasharray: 4 2; }
        .op-bar.unfinished rect { fill-opacity: 0.5; stroke-dasharray: 2 2; }
        .op-bar text, .content-span text { font-size: 11px; fill: var(--ink); pointer-events: none; }
        .op-bar.prefix rect { fill: #d8f3dc; stroke: #2b8a3e; } .op-bar.outside rect { fill: #eceef1; stroke: #98a2b3; }
        .content-span rect { rx: 2; } .content-span.cache rect { fill: #d4eeea; stroke: var(--cache); }
        .content-span.database rect { fill: #e8dcf7; stroke: var(--database); }
        .call-mark { stroke: #fff; stroke-width: 1; } .call-mark.cache { fill: var(--cache); }
        .call-mark.database { fill: var(--database); } .call-mark.lock, .call-mark.clock { fill: #98a2b3; }
        .call-mark.waiting { fill: #fff; stroke: #98a2b3; stroke-width: 1.2; }
        .call-mark.fault { fill: var(--marked); } .call-mark.operation { fill: var(--ink); }
        .stale-window { fill: var(--stale); }
        .marked-line { stroke: var(--marked); stroke-width: 2; stroke-dasharray: 5 3; }
        [data-marked="true"].op-bar rect, rect[data-marked="true"] { stroke: var(--marked); stroke-width: 2.5; }
        circle.call-mark[data-marked="true"] { fill: var(--marked); stroke: #fff; stroke-width: 1.5; }
        .axis text { font-size: 10.5px; fill: var(--muted); } .axis line { stroke: #e3e7ed; }
        .order { font-size: 10px; font-weight: 700; fill: #2b8a3e; }
        .selected rect, circle.selected { stroke: var(--ink) !important; stroke-width: 2.5 !important; }
        pre.details { background: #f6f7f9; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px;
          margin: 8px 0 0; white-space: pre-wrap; min-height: 3.2em; }
        #tooltip { position: fixed; z-index: 10; pointer-events: none; background: #1d2330; color: #fff; padding: 6px 9px;
          border-radius: 6px; font: 12px/1.4 ui-monospace, Menlo, monospace; white-space: pre; max-width: 560px; display: none; }
        .legend { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 12.5px; margin: 4px 0 8px; }
        .legend i { display: inline-block; width: 14px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
        .chart-card { border: 1px solid var(--rule); border-radius: 6px; padding: 8px; background: #fff; }
        .chart-card h4 { margin: 0 0 4px; font-size: 13px; } .chart-card svg text { font-size: 10px; fill: var(--muted); }
        .chart-card .bin { fill: var(--read); } .chart-card .bin.loads { fill: var(--write); }
        .chart-card .bin.over { fill: var(--marked); }
        td.rate { font-variant-numeric: tabular-nums; text-align: right; min-width: 90px; }
        .muted { color: var(--muted); }
        """
}
