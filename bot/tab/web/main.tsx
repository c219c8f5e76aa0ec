/**
 * The "Overzicht" tab: the year at a glance for the signed-in person, in the Teams look (Fluent UI v9,
 * the Teams light, dark or contrast theme from the Teams context). Every number comes from the API
 * (/tab/api/overview), which applies the bot's access rules; the page only draws.
 */
import {
  Badge,
  Button,
  Card,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Title2,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { ChartConfiguration } from 'chart.js';
import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DeadlineKind, DeadlineRow, TabOverview } from '../../../src/app/overview-tab';
import type { SignalKind } from '../../../src/domain/signal';
import { nlTab } from '../../../src/i18n/nl-tab';
import { ChartCard, FiguresTable, SERIES } from './chart';
import { connectHost, type Host, type ThemeName } from './teams';

type Row = DeadlineRow & { link: string };
type Figures = Omit<TabOverview, 'deadlines'> & {
  person: { name: string; roles: string };
  years: number[];
  labels: {
    locations: Record<string, string>;
    themes: Record<string, string>;
    kinds: Record<string, string>;
    steps: Record<string, string>;
    channels: Record<string, string>;
    satisfaction: Record<string, string>;
    rulings: Record<string, string>;
    analysisStatuses: Record<string, string>;
    measureStatuses: Record<string, string>;
  };
  deadlines: Record<'overdue' | 'thisWeek', { total: number; byKind: Record<DeadlineKind, number>; rows?: Row[] }>;
};
type Session = { mode: 'sso' } | { mode: 'demo'; people: { id: string; name: string; roles: string }[] };

const DEMO_HEADER = 'x-klantsignaal-demo-person';
const DEMO_STORAGE = 'klantsignaal-tab-demo-person';
/** In time green, late red, due soon orange: the colours of the bot's deadline states. */
const GOOD = SERIES[2]!;
const BAD = SERIES[1]!;
const SOON = SERIES[3]!;
const THEMES = { light: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  page: { padding: '16px 24px 48px', display: 'flex', flexDirection: 'column', gap: '16px', minHeight: '100vh' },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '16px', alignItems: 'end' },
  field: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: '180px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: '16px' },
  totals: { display: 'flex', flexWrap: 'wrap', gap: '12px' },
  total: { padding: '12px 16px', minWidth: '140px' },
  wide: { gridColumn: '1 / -1' },
});

async function fetchJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { headers });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(body.error ?? nlTab.errors.failed);
  return body as T;
}

function textColor(theme: ThemeName): string {
  return theme === 'light' ? '#242424' : '#ffffff';
}

function barConfig(
  theme: ThemeName,
  labels: string[],
  datasets: { label: string; data: number[]; type?: 'bar' | 'line'; color?: string }[],
  stacked: boolean,
): ChartConfiguration {
  const color = textColor(theme);
  return {
    type: 'bar',
    data: {
      labels,
      datasets: datasets.map(({ color, ...set }, index) => ({
        ...set,
        backgroundColor: color ?? SERIES[index % SERIES.length],
        borderColor: color ?? SERIES[index % SERIES.length],
      })),
    } as ChartConfiguration['data'],
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color } } },
      scales: {
        x: { stacked, ticks: { color } },
        y: { stacked, beginAtZero: true, ticks: { color, precision: 0 } },
      },
    },
  };
}

function Field(props: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  const styles = useStyles();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>
        <Text weight="semibold">{props.label}</Text>
      </label>
      {props.children(id)}
    </div>
  );
}

const ROWS_AT_FIRST = 10;

function DeadlineRows({ id, rows, figures, host }: { id: string; rows: Row[]; figures: Figures; host: Host }) {
  const [all, setAll] = useState(false);
  if (rows.length === 0) return <Text>{nlTab.noRows}</Text>;
  const shown = all ? rows : rows.slice(0, ROWS_AT_FIRST);
  return (
    <>
      <FiguresTable
        caption={nlTab.sections.deadlines}
        testId={`rows-${id}`}
        view={{
          columns: [
            nlTab.columns.reference,
            nlTab.columns.kind,
            nlTab.columns.location,
            nlTab.columns.deadlineKind,
            nlTab.columns.deadline,
          ],
          rows: shown.map((row) => [
            <Link
              key={row.reference}
              href={row.link}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={nlTab.openInChat(row.reference)}
              onClick={(event) => {
                if (!host.inTeams) return;
                event.preventDefault();
                host.openLink(row.link);
              }}
            >
              {row.reference}
            </Link>,
            figures.labels.kinds[row.kind] ?? row.kind,
            figures.labels.locations[row.locationId] ?? row.locationId,
            nlTab.deadlineKinds[row.deadlineKind],
            new Date(row.deadline).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
          ]),
        }}
      />
      {rows.length > shown.length && (
        <Button appearance="subtle" onClick={() => setAll(true)}>
          {nlTab.showAll(rows.length)}
        </Button>
      )}
    </>
  );
}

function Dashboard({ figures, theme, host }: { figures: Figures; theme: ThemeName; host: Host }) {
  const styles = useStyles();
  const { labels } = figures;
  const months = [...nlTab.months];
  const quarters = [1, 2, 3, 4].map(nlTab.quarter);
  const steps = Object.keys(labels.steps);
  const deadlineKinds = Object.keys(nlTab.deadlineKinds) as DeadlineKind[];
  const selection = figures.selection;
  const configs = useMemo(() => {
    const open = barConfig(
      theme,
      figures.openByLocation.map((row) => labels.locations[row.locationId] ?? row.locationId),
      steps.map((step) => ({
        label: labels.steps[step]!,
        data: figures.openByLocation.map((row) => row.byStep[step as keyof typeof row.byStep]),
      })),
      true,
    );
    const deadlines = barConfig(
      theme,
      deadlineKinds.map((kind) => nlTab.deadlineKinds[kind]),
      [
        {
          label: nlTab.sections.overdue,
          data: deadlineKinds.map((kind) => figures.deadlines.overdue.byKind[kind]),
          color: BAD,
        },
        {
          label: nlTab.sections.thisWeek,
          data: deadlineKinds.map((kind) => figures.deadlines.thisWeek.byKind[kind]),
          color: SOON,
        },
      ],
      false,
    );
    const perMonth = barConfig(
      theme,
      months,
      [
        { label: nlTab.columns.received, data: figures.months.map((m) => m.received), type: 'line' },
        { label: nlTab.columns.settledInTime, data: figures.months.map((m) => m.settledInTime), color: GOOD },
        { label: nlTab.columns.late, data: figures.months.map((m) => m.late), color: BAD },
      ],
      false,
    );
    const settle = barConfig(
      theme,
      months,
      [
        { label: nlTab.legend.p25, data: figures.months.map((m) => m.daysToSettle?.p25 ?? Number.NaN), type: 'line' },
        {
          label: nlTab.legend.median,
          data: figures.months.map((m) => m.daysToSettle?.median ?? Number.NaN),
          type: 'line',
        },
        { label: nlTab.legend.p75, data: figures.months.map((m) => m.daysToSettle?.p75 ?? Number.NaN), type: 'line' },
      ],
      false,
    );
    const themes = barConfig(
      theme,
      quarters,
      figures.themesByQuarter.map((row) => ({ label: labels.themes[row.themeId] ?? row.themeId, data: row.quarters })),
      true,
    );
    const channels = barConfig(
      theme,
      quarters,
      figures.channelsByQuarter.map((row) => ({
        label: labels.channels[row.channel] ?? row.channel,
        data: row.quarters,
      })),
      true,
    );
    const satisfaction: ChartConfiguration = {
      type: 'doughnut',
      data: {
        labels: figures.satisfaction.map((row) => labels.satisfaction[row.answer] ?? row.answer),
        datasets: [{ data: figures.satisfaction.map((row) => row.count), backgroundColor: SERIES }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { labels: { color: textColor(theme) } } },
      },
    };
    return { open, deadlines, perMonth, settle, themes, channels, satisfaction };
    // The figures object is replaced on every load; theme changes redraw.
  }, [figures, theme]);

  const settledCount = figures.months.reduce((sum, m) => sum + (m.daysToSettle?.count ?? 0), 0);
  const overdueRows = figures.deadlines.overdue.rows;
  const weekRows = figures.deadlines.thisWeek.rows;
  const report = figures.report;
  const yes = (done: boolean) => (done ? nlTab.report.done : nlTab.report.notYet);
  return (
    <>
      <div className={styles.totals} data-testid="totals">
        {[
          [nlTab.totals.received, selection.total, 'received'],
          [nlTab.totals.open, selection.open, 'open'],
          [nlTab.totals.complaints, selection.complaints.total, 'complaints'],
          [nlTab.totals.settledInTime, selection.complaints.settledInTime, 'settledInTime'],
          [nlTab.totals.late, selection.complaints.late, 'late'],
          [nlTab.totals.pending, selection.complaints.pending, 'pending'],
        ].map(([label, value, id]) => (
          <Card key={String(id)} className={styles.total} data-testid={`total-${String(id)}`}>
            <Text size={200}>{label}</Text>
            <Text size={600} weight="semibold" data-testid="value">
              {value}
            </Text>
          </Card>
        ))}
      </div>
      <div className={styles.grid}>
        <ChartCard
          id="deadlines"
          title={nlTab.sections.deadlines}
          note={nlTab.sections.deadlinesNote}
          alt={nlTab.alt.deadlines(figures.deadlines.overdue.total, figures.deadlines.thisWeek.total)}
          config={configs.deadlines}
          table={{
            columns: [nlTab.columns.deadlineKind, nlTab.sections.overdue, nlTab.sections.thisWeek],
            rows: [
              ...deadlineKinds.map((kind) => [
                nlTab.deadlineKinds[kind],
                figures.deadlines.overdue.byKind[kind],
                figures.deadlines.thisWeek.byKind[kind],
              ]),
              [nlTab.columns.total, figures.deadlines.overdue.total, figures.deadlines.thisWeek.total],
            ],
          }}
        />
        <ChartCard
          id="open"
          title={nlTab.sections.open}
          note={nlTab.sections.openNote(figures.filter.year)}
          alt={nlTab.alt.open(
            figures.openByLocation.reduce((sum, row) => sum + row.total, 0),
            figures.openByLocation.length,
          )}
          config={configs.open}
          table={{
            columns: [nlTab.columns.location, ...steps.map((step) => labels.steps[step]!), nlTab.columns.total],
            rows: figures.openByLocation.map((row) => [
              labels.locations[row.locationId] ?? row.locationId,
              ...steps.map((step) => row.byStep[step as keyof typeof row.byStep]),
              row.total,
            ]),
          }}
        />
        <ChartCard
          id="months"
          title={nlTab.sections.perMonth}
          alt={nlTab.alt.perMonth(selection.total, selection.complaints.settledInTime, selection.complaints.late)}
          config={configs.perMonth}
          table={{
            columns: [
              nlTab.columns.month,
              nlTab.columns.received,
              nlTab.columns.settledInTime,
              nlTab.columns.late,
              nlTab.columns.pending,
            ],
            rows:
              selection.total === 0
                ? []
                : figures.months.map((m) => [months[m.month - 1]!, m.received, m.settledInTime, m.late, m.pending]),
          }}
        />
        <ChartCard
          id="settle"
          title={nlTab.sections.settleTime}
          alt={nlTab.alt.settleTime(settledCount)}
          config={configs.settle}
          table={{
            columns: [
              nlTab.columns.month,
              nlTab.columns.count,
              nlTab.columns.median,
              nlTab.columns.p25,
              nlTab.columns.p75,
              nlTab.columns.min,
              nlTab.columns.max,
            ],
            rows: figures.months
              .filter((m) => m.daysToSettle)
              .map((m) => [
                months[m.month - 1]!,
                m.daysToSettle!.count,
                m.daysToSettle!.median,
                m.daysToSettle!.p25,
                m.daysToSettle!.p75,
                m.daysToSettle!.min,
                m.daysToSettle!.max,
              ]),
          }}
        />
        <ChartCard
          id="themes"
          title={nlTab.sections.themes}
          alt={nlTab.alt.themes(figures.themesByQuarter.length)}
          config={configs.themes}
          table={{
            columns: [nlTab.columns.theme, ...quarters],
            rows: figures.themesByQuarter.map((row) => [labels.themes[row.themeId] ?? row.themeId, ...row.quarters]),
          }}
        />
        <ChartCard
          id="channels"
          title={nlTab.sections.channels}
          alt={nlTab.alt.channels(figures.channelsByQuarter.length)}
          config={configs.channels}
          table={{
            columns: [nlTab.columns.channel, ...quarters],
            rows: figures.channelsByQuarter.map((row) => [
              labels.channels[row.channel] ?? row.channel,
              ...row.quarters,
            ]),
          }}
        />
        <ChartCard
          id="satisfaction"
          title={nlTab.sections.satisfaction}
          alt={nlTab.alt.satisfaction(figures.satisfaction.reduce((sum, row) => sum + row.count, 0))}
          config={configs.satisfaction}
          table={{
            columns: [nlTab.columns.answer, nlTab.columns.count],
            rows: figures.satisfaction.map((row) => [labels.satisfaction[row.answer] ?? row.answer, row.count]),
          }}
        />
        {overdueRows && (
          <Card role="region" aria-label={nlTab.sections.signals} data-testid="card-rows" className={styles.wide}>
            <Text as="h2" weight="semibold" size={400}>
              {nlTab.sections.signals}
            </Text>
            <Text as="h3" weight="semibold">
              {`${nlTab.sections.overdue} (${figures.deadlines.overdue.total})`}
            </Text>
            <DeadlineRows id="overdue" rows={overdueRows} figures={figures} host={host} />
            <Text as="h3" weight="semibold">
              {`${nlTab.sections.thisWeek} (${figures.deadlines.thisWeek.total})`}
            </Text>
            <DeadlineRows id="thisWeek" rows={weekRows ?? []} figures={figures} host={host} />
          </Card>
        )}
        <Card role="region" aria-label={nlTab.sections.cases} data-testid="card-cases">
          <Text as="h2" weight="semibold" size={400}>
            {nlTab.sections.cases}
          </Text>
          <FiguresTable
            caption={nlTab.sections.cases}
            testId="table-cases"
            view={{
              columns: [nlTab.columns.what, nlTab.columns.count],
              rows: [
                [nlTab.cases.deskFiled, figures.complaintsDesk.filed],
                [nlTab.cases.deskDecided, figures.complaintsDesk.decided],
                [nlTab.cases.disputesFiled, figures.disputes.filed],
                ...Object.entries(figures.disputes.byRuling).map(([ruling, count]) => [
                  labels.rulings[ruling] ?? ruling,
                  count,
                ]),
                [nlTab.cases.disputesPending, figures.disputes.pending],
              ],
            }}
          />
        </Card>
        {report && (
          <Card role="region" aria-label={nlTab.sections.report} data-testid="card-report">
            <Text as="h2" weight="semibold" size={400}>
              {`${nlTab.sections.report} ${figures.filter.year}`}
            </Text>
            {report.status === 'none' ? (
              <Text>{nlTab.report.none(figures.filter.year)}</Text>
            ) : (
              <>
                <Badge appearance="tint">{labels.analysisStatuses[report.status] ?? report.status}</Badge>
                <FiguresTable
                  caption={nlTab.sections.report}
                  testId="table-report"
                  view={{
                    columns: [nlTab.columns.what, nlTab.columns.status],
                    rows: [
                      [nlTab.report.drafted, yes(report.drafted)],
                      [nlTab.report.adopted, yes(report.adopted)],
                      [nlTab.report.sentToGgd, yes(report.sentToGgd)],
                      [nlTab.report.shared, yes(report.shared)],
                    ],
                  }}
                />
                <Text as="h3" weight="semibold">
                  {nlTab.sections.actions}
                </Text>
                {report.openActions.length === 0 ? (
                  <Text>{nlTab.report.noActions}</Text>
                ) : (
                  <FiguresTable
                    caption={nlTab.sections.actions}
                    testId="table-actions"
                    view={{
                      columns: [
                        nlTab.columns.action,
                        nlTab.columns.owner,
                        nlTab.columns.deadline,
                        nlTab.columns.status,
                      ],
                      rows: report.openActions.map((action) => [
                        action.description,
                        action.owner,
                        action.deadline,
                        labels.measureStatuses[action.status] ?? action.status,
                      ]),
                    }}
                  />
                )}
              </>
            )}
          </Card>
        )}
      </div>
    </>
  );
}

function App({ host }: { host: Host }) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [session, setSession] = useState<Session>();
  const [demoPerson, setDemoPerson] = useState<string>(() => window.localStorage.getItem(DEMO_STORAGE) ?? '');
  const [filter, setFilter] = useState<{ year?: number; location?: string; kind?: SignalKind }>({});
  const [figures, setFigures] = useState<Figures>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    fetchJson<Session>('api/session', {}).then(setSession, (failure: Error) => setError(failure.message));
  }, []);

  const load = useCallback(async () => {
    if (!session) return;
    if (session.mode === 'demo' && !demoPerson) return;
    if (session.mode === 'sso' && !host.inTeams) {
      setError(nlTab.errors.noTeams);
      return;
    }
    setLoading(true);
    setError(undefined);
    try {
      const headers: Record<string, string> =
        session.mode === 'demo' ? { [DEMO_HEADER]: demoPerson } : { authorization: `Bearer ${await host.token()}` };
      const query = new URLSearchParams();
      if (filter.year) query.set('year', String(filter.year));
      if (filter.location) query.set('location', filter.location);
      if (filter.kind) query.set('kind', filter.kind);
      setFigures(await fetchJson<Figures>(`api/overview?${query.toString()}`, headers));
    } catch (failure) {
      setFigures(undefined);
      setError(failure instanceof Error ? failure.message : nlTab.errors.failed);
    } finally {
      setLoading(false);
    }
  }, [session, demoPerson, filter, host]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <FluentProvider theme={THEMES[theme]} style={{ background: tokens.colorNeutralBackground2 }}>
      <main className={styles.page} aria-busy={loading}>
        <Title2 as="h1">{nlTab.title}</Title2>
        {session?.mode === 'demo' && (
          <MessageBar intent="warning" data-testid="demo-banner">
            <MessageBarBody>{nlTab.demo.banner}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.bar}>
          {session?.mode === 'demo' && (
            <Field label={nlTab.demo.choose}>
              {(id) => (
                <Select
                  id={id}
                  data-testid="demo-person"
                  value={demoPerson}
                  onChange={(_, data) => {
                    window.localStorage.setItem(DEMO_STORAGE, data.value);
                    setDemoPerson(data.value);
                  }}
                >
                  <option value="">{nlTab.demo.placeholder}</option>
                  {session.people.map((person) => (
                    <option key={person.id} value={person.id}>
                      {`${person.name} (${person.roles})`}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          {figures && (
            <>
              <Field label={nlTab.filters.year}>
                {(id) => (
                  <Select
                    id={id}
                    data-testid="filter-year"
                    value={String(figures.filter.year)}
                    onChange={(_, data) => setFilter({ ...filter, year: Number(data.value) })}
                  >
                    {figures.years.map((year) => (
                      <option key={year} value={year}>
                        {year}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={nlTab.filters.location}>
                {(id) => (
                  <Select
                    id={id}
                    data-testid="filter-location"
                    value={filter.location ?? ''}
                    onChange={(_, data) => setFilter({ ...filter, location: data.value || undefined })}
                  >
                    <option value="">{nlTab.filters.allLocations}</option>
                    {Object.entries(figures.labels.locations).map(([locationId, name]) => (
                      <option key={locationId} value={locationId}>
                        {name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={nlTab.filters.kind}>
                {(id) => (
                  <Select
                    id={id}
                    data-testid="filter-kind"
                    value={filter.kind ?? ''}
                    onChange={(_, data) =>
                      setFilter({ ...filter, kind: (data.value || undefined) as SignalKind | undefined })
                    }
                  >
                    <option value="">{nlTab.filters.allKinds}</option>
                    {Object.entries(figures.labels.kinds).map(([kind, label]) => (
                      <option key={kind} value={kind}>
                        {label}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </>
          )}
        </div>
        {figures && (
          <Text data-testid="who">
            {nlTab.you(figures.person.name, figures.person.roles)} ·{' '}
            {figures.scope === 'all' ? nlTab.scope.all : nlTab.scope.own}
            {figures.aggregatesOnly ? ` ${nlTab.aggregatesOnly}` : ''}
          </Text>
        )}
        {loading && <Spinner label={session?.mode === 'sso' ? nlTab.signingIn : nlTab.loading} />}
        {error && (
          <MessageBar intent="error" data-testid="error">
            <MessageBarBody>
              {error}{' '}
              <Button size="small" onClick={() => void load()}>
                {nlTab.retry}
              </Button>
            </MessageBarBody>
          </MessageBar>
        )}
        {figures && !error && <Dashboard figures={figures} theme={theme} host={host} />}
      </main>
    </FluentProvider>
  );
}

document.title = nlTab.pageTitle;
void connectHost().then((host) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App host={host} />
    </StrictMode>,
  );
});
