/**
 * One chart with its table view: Chart.js draws on a canvas that carries the alt text (role img), and
 * the same figures are one click away as a table (two toggle buttons: Grafiek / Tabel), for screen
 * readers, keyboard users and anyone who wants the exact numbers.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import {
  Card,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { nlTab } from '../../../src/i18n/nl-tab';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/** Series colours that keep 3:1 against both the light and the dark Teams background. */
export const SERIES = [
  '#5B5FC7',
  '#C4314B',
  '#13A10E',
  '#CA5010',
  '#0078D4',
  '#8764B8',
  '#986F0B',
  '#00A5AF',
  '#E3008C',
];

export interface TableView {
  columns: string[];
  rows: (string | number | ReactNode)[][];
}

function ChartCanvas({ config, alt, testId }: { config: ChartConfiguration; alt: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div style={{ position: 'relative', height: 260 }}>
      <canvas ref={canvas} role="img" aria-label={alt} data-testid={testId}>
        {alt}
      </canvas>
    </div>
  );
}

export function FiguresTable({ caption, view, testId }: { caption: string; view: TableView; testId: string }) {
  return (
    <Table size="small" aria-label={caption} data-testid={testId}>
      <TableHeader>
        <TableRow>
          {view.columns.map((column) => (
            <TableHeaderCell key={column}>{column}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {view.rows.map((row, index) => (
          <TableRow key={index}>
            {row.map((cell, column) => (
              <TableCell key={column}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ChartCard(props: {
  id: string;
  title: string;
  note?: string;
  alt: string;
  config: ChartConfiguration | undefined;
  table: TableView;
  children?: ReactNode;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  const empty = props.table.rows.length === 0;
  return (
    <Card role="region" aria-labelledby={headingId} data-testid={`card-${props.id}`}>
      <CardHeader
        header={
          <Text as="h2" weight="semibold" size={400} id={headingId} style={{ margin: 0 }}>
            {props.title}
          </Text>
        }
        description={props.note ? <Text size={200}>{props.note}</Text> : undefined}
      />
      <div role="group" aria-label={nlTab.views.label(props.title)} style={{ display: 'flex', gap: 4 }}>
        {(['chart', 'table'] as const).map((value) => (
          <ToggleButton
            key={value}
            size="small"
            appearance={view === value ? 'primary' : 'subtle'}
            checked={view === value}
            onClick={() => setView(value)}
          >
            {nlTab.views[value]}
          </ToggleButton>
        ))}
      </div>
      {empty ? (
        <Text style={{ color: tokens.colorNeutralForeground2 }}>{nlTab.noData}</Text>
      ) : view === 'chart' && props.config ? (
        <ChartCanvas config={props.config} alt={props.alt} testId={`chart-${props.id}`} />
      ) : (
        <FiguresTable caption={props.title} view={props.table} testId={`table-${props.id}`} />
      )}
      {props.children}
    </Card>
  );
}
