/// The page ``ReportPage`` renders: HTML with inline CSS and SVG, no script and no outside
/// resource. Only escaped tags (`{{name}}`) are used, so every value is HTML-escaped.
enum ReportPageTemplate {
    static let source = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d2330; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        .period { color: #5b6375; margin-top: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 1.5rem 0; }
        .card { border: 1px solid #d8dce6; border-radius: 6px; padding: 0.7rem 1rem; flex: 1 1 10rem; }
        .card .value { font-size: 1.5rem; font-weight: 600; }
        .card .label, .card .detail { font-size: 0.85rem; color: #5b6375; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 0 1.5rem; }
        figure { margin: 1rem 0; }
        figcaption { font-weight: 600; margin-bottom: 0.3rem; }
        svg { width: 100%; height: auto; background: #fafbfd; border: 1px solid #e3e6ee; }
        svg .bar { fill: #3867d6; }
        svg text { font-size: 14px; fill: #1d2330; text-anchor: middle; }
        svg .axis { stroke: #9aa1b1; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid #e3e6ee; padding: 0.3rem 0.5rem; text-align: left; }
        td.n { text-align: right; }
        .tickets { font-size: 0.8rem; color: #5b6375; }
        </style>
        </head>
        <body>
        <h1>{{title}}</h1>
        <p class="period">{{period}} · as of {{now}}</p>
        <section class="cards">
        {{#cards}}
        <div class="card"><div class="label">{{label}}</div><div class="value">{{value}}</div><div class="detail">{{detail}}</div></div>
        {{/cards}}
        </section>
        <section class="charts">
        {{#charts}}
        <figure>
        <figcaption>{{title}}</figcaption>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="{{title}}">
        <line class="axis" x1="{{left}}" y1="{{baseline}}" x2="{{right}}" y2="{{baseline}}"/>
        {{#bars}}
        <g><title>{{tooltip}}</title><rect class="bar" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"/><text x="{{center}}" y="{{valueY}}">{{shown}}</text>{{#showLabel}}<text x="{{center}}" y="{{labelY}}">{{label}}</text>{{/showLabel}}</g>
        {{/bars}}
        {{#empty}}<text x="320" y="110">no data</text>{{/empty}}
        </svg>
        <p class="tickets">{{#bars}}{{#hasTickets}}<span>{{label}}: {{tickets}}</span> {{/hasTickets}}{{/bars}}</p>
        </figure>
        {{/charts}}
        </section>
        <h2>Promises</h2>
        <table>
        <tr><th>by</th><th>name</th><th>kept</th><th>missed</th><th>kept %</th><th>tickets missed</th></tr>
        {{#promiseRows}}
        <tr><td>{{group}}</td><td>{{name}}</td><td class="n">{{kept}}</td><td class="n">{{missed}}</td><td class="n">{{ratio}}</td><td class="tickets">{{tickets}}</td></tr>
        {{/promiseRows}}
        </table>
        {{#hasSteps}}
        <h2>Request types</h2>
        <table>
        <tr><th>type</th><th>tickets</th><th>step</th><th>entered</th><th>left</th><th>business median</th><th>overdue</th><th>tickets overdue</th></tr>
        {{#stepRows}}
        <tr><td>{{type}}</td><td class="n">{{typeTickets}}</td><td>{{step}}</td><td class="n">{{entered}}</td><td class="n">{{left}}</td><td class="n">{{median}}</td><td class="n">{{overdue}}</td><td class="tickets">{{tickets}}</td></tr>
        {{/stepRows}}
        </table>
        {{/hasSteps}}
        {{#hasHours}}
        <h2>Hours</h2>
        <table>
        <tr><th>organisation or staff</th><th>spent</th><th>free</th><th>billable</th></tr>
        {{#hourRows}}
        <tr><td>{{name}}</td><td class="n">{{spent}}</td><td class="n">{{free}}</td><td class="n">{{billable}}</td></tr>
        {{/hourRows}}
        </table>
        {{/hasHours}}
        <h2>Counts</h2>
        <table>
        <tr><th>what</th><th>which</th><th>count</th></tr>
        {{#countRows}}
        <tr><td>{{section}}</td><td>{{key}}</td><td class="n">{{count}}</td></tr>
        {{/countRows}}
        </table>
        </body>
        </html>

        """
}
