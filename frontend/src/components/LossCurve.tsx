// The provider's training loss per step (and validation loss when it reported one), as plain SVG.

import type { FineTuneMetric } from "../types";

interface Props {
  metrics: FineTuneMetric[];
}

const WIDTH = 400;
const HEIGHT = 160;
const PAD = { left: 40, right: 10, top: 10, bottom: 24 };

type Point = [number, number];

export default function LossCurve({ metrics }: Props) {
  const train: Point[] = [];
  const valid: Point[] = [];
  for (const metric of [...metrics].sort((a, b) => a.step - b.step)) {
    if (typeof metric.train_loss === "number") train.push([metric.step, metric.train_loss]);
    if (typeof metric.valid_loss === "number") valid.push([metric.step, metric.valid_loss]);
  }
  const all = [...train, ...valid];
  if (all.length === 0) return <p className="muted">The provider reported no loss figures.</p>;

  const steps = all.map(([step]) => step);
  const losses = all.map(([, loss]) => loss);
  const [minStep, maxStep] = [Math.min(...steps), Math.max(...steps)];
  const [minLoss, maxLoss] = [Math.min(0, ...losses), Math.max(...losses)];
  const x = (step: number) =>
    PAD.left + (maxStep === minStep ? 0.5 : (step - minStep) / (maxStep - minStep)) * (WIDTH - PAD.left - PAD.right);
  const y = (loss: number) =>
    PAD.top + (1 - (maxLoss === minLoss ? 0.5 : (loss - minLoss) / (maxLoss - minLoss))) * (HEIGHT - PAD.top - PAD.bottom);
  const path = (points: Point[]) => points.map(([step, loss]) => `${x(step).toFixed(1)},${y(loss).toFixed(1)}`).join(" ");
  const last = (points: Point[]) => points[points.length - 1];

  const summary =
    `Loss curve over steps ${minStep} to ${maxStep}: training loss from ${train[0]?.[1].toFixed(3) ?? "–"} ` +
    `to ${last(train)?.[1].toFixed(3) ?? "–"}` +
    (valid.length ? `, validation loss from ${valid[0][1].toFixed(3)} to ${last(valid)[1].toFixed(3)}` : "") +
    ".";

  return (
    <figure className="loss-curve">
      <figcaption>Loss per training step</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} data-testid="loss-curve">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(minLoss)} y2={y(minLoss)} className="axis" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={y(minLoss)} className="axis" />
        <text x={PAD.left - 4} y={y(maxLoss) + 4} className="tick" textAnchor="end">
          {maxLoss.toFixed(2)}
        </text>
        <text x={PAD.left - 4} y={y(minLoss)} className="tick" textAnchor="end">
          {minLoss.toFixed(2)}
        </text>
        <text x={x(minStep)} y={HEIGHT - 6} className="tick" textAnchor="start">
          step {minStep}
        </text>
        <text x={x(maxStep)} y={HEIGHT - 6} className="tick" textAnchor="end">
          {maxStep}
        </text>
        {train.length ? <polyline points={path(train)} className="line-train" data-testid="train-loss" /> : null}
        {valid.length ? <polyline points={path(valid)} className="line-valid" data-testid="valid-loss" /> : null}
      </svg>
      <p className="muted legend">
        <span className="swatch swatch-train" aria-hidden="true" /> training loss
        {valid.length ? (
          <>
            {" "}
            <span className="swatch swatch-valid" aria-hidden="true" /> validation loss
          </>
        ) : null}
      </p>
    </figure>
  );
}
