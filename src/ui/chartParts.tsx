/** What every chart shares: its frame (title, empty state, note, test attributes), axis style, colours. */
import { ResponsiveContainer } from 'recharts';

export const COLORS = { loss: '#1f6feb', pos: '#1a7f37', neg: '#cf222e', knn: '#8250df', linear: '#bc4c00', ref: '#6e7781', raw: '#9a6700' };

interface ChartFrameProps {
  title: string;
  /** The plotted values as JSON, for tests and scripts that read the page like a user would. */
  series?: string;
  testId: string;
  points: number;
  note?: string;
  children: React.ReactElement;
}

export function ChartFrame({ title, testId, points, note, series, children }: ChartFrameProps) {
  return (
    <figure className="chart" data-testid={testId} data-points={points} data-series={series}>
      <figcaption>{title}</figcaption>
      <div className="chart-body">
        {points === 0 ? <div className="chart-empty">no points yet</div> : <ResponsiveContainer width="100%" height="100%">{children}</ResponsiveContainer>}
      </div>
      {note && <p className="chart-note">{note}</p>}
    </figure>
  );
}

export const axisProps = { stroke: '#57606a', fontSize: 12 } as const;

