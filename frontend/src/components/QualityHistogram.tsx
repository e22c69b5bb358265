// How the quality scores spread, kept and rejected stacked in each bin, with the threshold drawn:
// an average of 8.4 can hide a cluster just under the cut-off, a histogram cannot. Plain SVG, scaled
// to the card's width through its viewBox.

export interface ScoredItem {
  score: number;
  kept: boolean;
}

interface Props {
  items: ScoredItem[];
  threshold: number;
  caption: string;
  testId?: string;
}

const WIDTH = 400;
const HEIGHT = 150;
const PAD = { left: 28, right: 8, top: 18, bottom: 22 };

/**
 * The axis and bin width: scores bunch near the top (a run's are often all 9.0-9.3), so the axis starts
 * a point below the lowest score or the threshold, whichever is lower, and the bins get finer as the
 * range narrows. Integer-aligned ranges and widths of 0.1 or 0.25 put a threshold such as 7.0 or 9.1 on
 * a bin edge: a bin is never half kept, half rejected by the cut-off.
 */
export function scale(scores: number[], threshold: number): { low: number; width: number; bins: number } {
  const low = Math.max(0, Math.min(Math.floor(Math.min(...scores)), Math.floor(threshold)) - 1);
  const width = 10 - low <= 4 ? 0.1 : 0.25;
  return { low, width, bins: Math.round((10 - low) / width) };
}

export default function QualityHistogram({ items, threshold, caption, testId = "quality-histogram" }: Props) {
  if (items.length === 0) {
    return <p className="muted">No scored examples yet, so there is no quality spread to show.</p>;
  }
  const { low, width, bins } = scale(items.map((item) => item.score), threshold);
  // The epsilon keeps 9.1 in the bin that starts at 9.1 despite 9.1 / 0.1 = 90.99999...
  const binOf = (score: number) => Math.min(bins - 1, Math.max(0, Math.floor((score - low) / width + 1e-9)));
  const edge = (i: number) => low + i * width;
  const kept = new Array<number>(bins).fill(0);
  const rejected = new Array<number>(bins).fill(0);
  for (const item of items) (item.kept ? kept : rejected)[binOf(item.score)] += 1;
  const tallest = Math.max(...kept.map((count, i) => count + rejected[i]));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (score: number) => PAD.left + ((score - low) / (10 - low)) * plotWidth;
  const y = (count: number) => PAD.top + plotHeight - (count / tallest) * plotHeight;
  const barWidth = Math.max(1, plotWidth / bins - 1);
  const step = 10 - low <= 5 ? 1 : 2;
  const ticks = Array.from({ length: Math.floor((10 - low) / step) + 1 }, (_, i) => 10 - i * step).reverse();

  const passing = items.filter((item) => item.score >= threshold).length;
  const sorted = items.map((item) => item.score).sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const summary =
    `Quality histogram of ${items.length} scored examples: ${passing} at or above the ${threshold.toFixed(1)} ` +
    `threshold, ${items.length - passing} below; scores from ${sorted[0].toFixed(1)} to ` +
    `${sorted[sorted.length - 1].toFixed(1)}, median ${median.toFixed(1)}.`;

  return (
    <figure className="histogram">
      <figcaption>{caption}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        data-testid={testId}
        data-threshold={threshold}
        preserveAspectRatio="xMidYMid meet"
      >
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
        <text x={PAD.left - 4} y={y(tallest) + 4} className="tick" textAnchor="end">
          {tallest}
        </text>
        <text x={PAD.left - 4} y={y(0)} className="tick" textAnchor="end">
          0
        </text>
        {ticks.map((tick) => (
          <text key={tick} x={x(tick)} y={HEIGHT - 6} className="tick" textAnchor="middle">
            {tick}
          </text>
        ))}
        {kept.map((count, i) => {
          const total = count + rejected[i];
          if (!total) return null;
          const left = x(edge(i)) + 0.5;
          return (
            <g key={i} data-bin={edge(i).toFixed(2)} data-count={total}>
              <title>{`${edge(i).toFixed(2)}–${edge(i + 1).toFixed(2)}: ${count} kept, ${rejected[i]} rejected`}</title>
              {rejected[i] ? (
                <rect className="bin-rejected" x={left} width={barWidth} y={y(rejected[i])} height={y(0) - y(rejected[i])} />
              ) : null}
              {count ? (
                <rect className="bin-kept" x={left} width={barWidth} y={y(total)} height={y(rejected[i]) - y(total)} />
              ) : null}
            </g>
          );
        })}
        <line
          x1={x(threshold)}
          x2={x(threshold)}
          y1={PAD.top - 4}
          y2={y(0)}
          className="threshold"
          data-testid={`${testId}-threshold`}
        />
        <text x={x(threshold)} y={PAD.top - 7} className="tick threshold-label" textAnchor="middle">
          {`threshold ${threshold.toFixed(1)}`}
        </text>
      </svg>
      <p className="muted legend">
        <span className="swatch swatch-kept" aria-hidden="true" /> kept{" "}
        <span className="swatch swatch-rejected" aria-hidden="true" /> rejected · {passing} of {items.length} at or
        above {threshold.toFixed(1)}
      </p>
    </figure>
  );
}
