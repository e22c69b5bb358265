// A horizontal bar chart for at most eight genres. Plain HTML and CSS rather than a scaled SVG: the
// labels keep the page's font size at any width, phones included.

import { humanize } from "../format";

interface Props {
  distribution: Record<string, number>;
  labels?: Record<string, string>;
}

export default function GenreChart({ distribution, labels = {} }: Props) {
  const rows = Object.entries(distribution)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const name = (key: string) => labels[key] ?? humanize(key);
  if (rows.length === 0) {
    return <p className="muted">No examples were kept, so there is no genre distribution to show.</p>;
  }
  const largest = Math.max(...rows.map(([, count]) => count));
  const summary = rows.map(([key, count]) => `${name(key)}: ${count}`).join(", ");
  return (
    <figure className="genre-chart">
      <figcaption>Genre distribution of the kept examples</figcaption>
      <div role="img" aria-label={`Genre distribution. ${summary}`} data-testid="genre-chart" className="chart">
        {rows.map(([key, count]) => (
          <div key={key} className="chart-row" data-genre={key} aria-hidden="true">
            <span className="chart-label">{name(key)}</span>
            <span className="chart-track">
              <span className="bar" style={{ width: `${(count / largest) * 100}%` }} />
            </span>
            <span className="chart-count">{count}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
