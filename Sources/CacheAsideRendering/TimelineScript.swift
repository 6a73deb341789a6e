/// The script every HTML page inlines: it draws each `section.timeline` from its embedded `Timeline`
/// JSON as SVG, and gives it zoom, row folding, hover and click details, and a copy button for the
/// replay command. It only draws; where things go was decided in Swift (see `Timeline`).
///
/// When it is done it writes what it drew into `#selfcheck` — bars drawn against bars expected, whether
/// the marked event is highlighted, script errors — for the headless-browser check in `.ci/browser-check`.
enum TimelineScript {
    static let source = #"""
        "use strict";
        (function () {
          const errors = [];
          window.addEventListener("error", (e) => errors.push(String(e.message || e)));
          const NS = "http://www.w3.org/2000/svg";
          const ROW = 36, CONTENT_ROW = 24, FOLDED = 7, AXIS = 22;
          const tooltip = document.createElement("div");
          tooltip.id = "tooltip";
          document.body.appendChild(tooltip);

          function el(name, attrs, parent) {
            const node = document.createElementNS(NS, name);
            for (const k in attrs) node.setAttribute(k, attrs[k]);
            if (parent) parent.appendChild(node);
            return node;
          }

          function setUp(section) {
            const data = JSON.parse(section.querySelector("script.timeline-data").textContent);
            const svg = section.querySelector("svg.chart");
            const labels = section.querySelector(".labels");
            const scroll = section.querySelector(".scroll");
            const details = section.querySelector("pre.details");
            const folded = data.rows.map((r) => r.folded);
            const anyFolded = () => folded.some((f) => f);
            let scale = 0, selected = null;

            function fit() {
              const width = Math.max(scroll.clientWidth - 24, 300);
              scale = Math.max(3, Math.min(110, width / data.extent));
            }

            function rowHeight(i) {
              if (folded[i]) return FOLDED;
              const kind = data.rows[i].kind;
              return kind === "cache" || kind === "database" ? CONTENT_ROW : ROW;
            }

            function rowTops() {
              const tops = [];
              let y = AXIS;
              for (let i = 0; i < data.rows.length; i++) { tops.push(y); y += rowHeight(i); }
              return { tops, height: y + 6 };
            }

            function show(item, event) {
              tooltip.textContent = item.details;
              tooltip.style.display = "block";
              const x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
              tooltip.style.left = x + "px";
              tooltip.style.top = (event.clientY + 14) + "px";
            }

            function interactive(node, item) {
              node.addEventListener("mousemove", (e) => show(item, e));
              node.addEventListener("mouseleave", () => { tooltip.style.display = "none"; });
              node.addEventListener("click", () => {
                if (selected) selected.classList.remove("selected");
                selected = node;
                node.classList.add("selected");
                details.textContent = item.details;
              });
            }

            function draw() {
              const { tops, height } = rowTops();
              const width = Math.ceil(data.extent * scale) + 24;
              svg.replaceChildren();
              labels.replaceChildren();
              svg.setAttribute("width", width);
              svg.setAttribute("height", height);
              labels.style.height = height + "px";
              const x = (p) => p * scale;
              const h = rowHeight;

              data.rows.forEach((row, i) => {
                const content = row.kind === "cache" || row.kind === "database";
                el("rect", { x: 0, y: tops[i], width, height: h(i),
                  class: "row-band" + (content ? " content" : i % 2 ? " odd" : "") }, svg);
                const label = document.createElement("div");
                label.textContent = row.label;
                label.className = row.kind + (folded[i] ? " folded" : "");
                label.style.top = tops[i] + "px";
                label.style.height = h(i) + "px";
                label.style.lineHeight = h(i) + "px";
                label.title = folded[i] ? row.label + " (folded: click to open)" : row.label;
                if (!content) label.addEventListener("click", () => { folded[i] = !folded[i]; draw(); });
                labels.appendChild(label);
              });

              const axis = el("g", { class: "axis" }, svg);
              let lastLabel = -1e9;
              for (const t of data.axis) {
                const px = x(t.at);
                if (px - lastLabel < 34) continue;
                lastLabel = px;
                el("line", { x1: px, x2: px, y1: AXIS - 4, y2: height, class: "grid" }, axis);
                el("text", { x: px + 2, y: AXIS - 8 }, axis).textContent = t.label;
              }

              for (const shade of data.shades) {
                const end = shade.to === null || shade.to === undefined ? data.extent : shade.to + 1;
                for (const r of shade.rows) {
                  const node = el("rect", { x: x(shade.from), y: tops[r], width: Math.max(x(end) - x(shade.from), 2),
                    height: h(r), class: "stale-window" }, svg);
                  interactive(node, shade);
                }
              }

              data.bars.forEach((bar) => {
                const end = bar.to === null || bar.to === undefined ? data.extent : bar.to + 1;
                const g = el("g", { class: bar.style, "data-marked": bar.marked ? "true" : "false" }, svg);
                const top = tops[bar.row], tall = h(bar.row);
                const pad = tall > 10 ? 3 : 1;
                const textY = tall >= ROW ? top + 15 : top + tall / 2 + 4;
                const w = Math.max(x(end) - x(bar.from) - 2, 3);
                el("rect", { x: x(bar.from) + 1, y: top + pad, width: w, height: tall - 2 * pad,
                  "data-marked": bar.marked ? "true" : "false" }, g);
                const text = (bar.order ? bar.order + ". " : "") + bar.label;
                if (tall > 10 && w > text.length * 6.4 + 6) {
                  el("text", { x: x(bar.from) + 5, y: textY }, g).textContent = text;
                } else if (bar.order && tall > 10) {
                  el("text", { x: x(bar.from) + 3, y: textY, class: "order" }, g).textContent = bar.order;
                }
                interactive(g, bar);
              });

              for (const mark of data.marks) {
                if (folded[mark.row] && !mark.marked) continue;
                const tall = h(mark.row);
                const node = el("circle", { cx: x(mark.at) + scale / 2, cy: tall >= ROW ? tops[mark.row] + tall - 10 : tops[mark.row] + tall / 2,
                  r: mark.marked ? 6 : Math.max(2.5, Math.min(4.5, scale / 3)), class: mark.style,
                  "data-marked": mark.marked ? "true" : "false" }, svg);
                interactive(node, mark);
              }

              if (data.marked !== null && data.marked !== undefined) {
                const px = x(data.marked) + scale / 2;
                el("line", { x1: px, x2: px, y1: AXIS - 6, y2: height, class: "marked-line", "data-marked": "true" }, svg);
              }
              const foldButton = section.querySelector("[data-fold]");
              if (foldButton) foldButton.textContent = anyFolded() ? "unfold all rows" : "fold idle rows";
            }

            section.querySelectorAll("[data-zoom]").forEach((button) => button.addEventListener("click", () => {
              const kind = button.getAttribute("data-zoom");
              if (kind === "in") scale = Math.min(scale * 1.6, 120);
              else if (kind === "out") scale = Math.max(scale / 1.6, 0.5);
              else fit();
              draw();
            }));
            scroll.addEventListener("wheel", (e) => {
              if (!e.ctrlKey && !e.metaKey) return;
              e.preventDefault();
              scale = e.deltaY < 0 ? Math.min(scale * 1.25, 120) : Math.max(scale / 1.25, 0.5);
              draw();
            }, { passive: false });
            const foldButton = section.querySelector("[data-fold]");
            if (foldButton && !data.rows.some((row) => row.folded)) foldButton.hidden = true;
            if (foldButton) foldButton.addEventListener("click", () => {
              const fold = !anyFolded();
              data.rows.forEach((row, i) => { folded[i] = fold && row.folded; });
              draw();
            });
            const copy = section.querySelector("button.copy");
            if (copy) copy.addEventListener("click", () => {
              const text = section.querySelector(".replay-command").textContent;
              const done = () => { copy.textContent = "copied"; setTimeout(() => { copy.textContent = "copy"; }, 1500); };
              if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => select());
              else select();
              function select() {
                const range = document.createRange();
                range.selectNodeContents(section.querySelector(".replay-command"));
                getSelection().removeAllRanges();
                getSelection().addRange(range);
              }
            });
            fit();
            draw();
            // Open on the marked event, so a long run starts where it broke.
            if (data.marked !== null && data.marked !== undefined) {
              scroll.scrollLeft = Math.max(0, data.marked * scale - scroll.clientWidth / 2);
            }
            return data;
          }

          const findings = { timelines: [], errors };
          document.querySelectorAll("section.timeline").forEach((section, index) => {
            try {
              setUp(section);
              const expected = Number(section.getAttribute("data-expected-operations"));
              const drawn = section.querySelectorAll("g.op-bar").length;
              const markedPosition = section.getAttribute("data-marked-position");
              const markedNodes = section.querySelectorAll('svg [data-marked="true"]');
              let highlighted = markedNodes.length > 0;
              markedNodes.forEach((node) => {
                const style = getComputedStyle(node);
                if (node.tagName !== "g" && style.stroke !== "rgb(214, 40, 40)" && style.fill !== "rgb(214, 40, 40)") highlighted = false;
              });
              findings.timelines.push({ index, expectedOperations: expected, drawnOperations: drawn,
                marked: markedPosition !== "", markedHighlighted: markedPosition === "" ? null : highlighted });
            } catch (e) {
              errors.push("timeline " + index + ": " + e);
            }
          });
          findings.charts = document.querySelectorAll("svg.small-chart").length;
          findings.matrixCells = document.querySelectorAll("td.rate").length;
          const selfcheck = document.getElementById("selfcheck");
          // Errors thrown after this point (by a click) are not seen; drawing is what is checked.
          setTimeout(() => { selfcheck.textContent = JSON.stringify(findings); }, 0);
          selfcheck.textContent = JSON.stringify(findings);
        })();
        """#
}
