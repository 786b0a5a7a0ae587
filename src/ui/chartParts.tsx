/** What every chart shares: its frame (title, empty state, note, test attributes), axis style, colours. */
import { createContext, useContext, useRef, useState } from 'react';
import { ResponsiveContainer } from 'recharts';
import { chartPng, pngFileName } from '../export/chartPng';
import { downloadBlob } from '../export/download';
import { useFocusedRun } from '../store/runStore';

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
  const figure = useRef<HTMLElement>(null);
  return (
    <figure className="chart" data-testid={testId} data-points={points} data-series={series} ref={figure}>
      <figcaption>{title}{points > 0 && <PngButton figure={figure} title={title} />}</figcaption>
      <div className="chart-body">
        {points === 0 ? <div className="chart-empty">no points yet</div> : <ResponsiveContainer width="100%" height="100%">{children}</ResponsiveContainer>}
      </div>
      {note && <p className="chart-note">{note}</p>}
    </figure>
  );
}

export const axisProps = { stroke: '#57606a', fontSize: 12 } as const;


/** What the charts inside show, for their PNG file names (default: the focused run's name). */
export const ChartSubject = createContext<string | null>(null);

/** Downloads the chart it sits in as a PNG (what is on screen, at 2x), named by its run and title. */
export function PngButton({ figure, title }: { figure: React.RefObject<HTMLElement | null>; title: string }) {
  const [error, setError] = useState<string | null>(null);
  const focusedName = useFocusedRun((r) => r.name);
  const subject = useContext(ChartSubject) ?? focusedName;
  const save = async () => {
    try {
      setError(null);
      if (figure.current) downloadBlob(pngFileName(title, subject || undefined), await chartPng(figure.current, title));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <button type="button" className="png-button secondary small" onClick={() => void save()} aria-label={`Download "${title}" as PNG`} data-testid="png-button">PNG</button>
      {error && <span className="error" role="alert">{error}</span>}
    </>
  );
}
