import { session } from './lib/api';
import { match, useRoute, navigate } from './lib/router';
import { useStore } from './lib/store';
import { Shell } from './ui/shell';
import { DialogHost } from './ui/dialog';
import { Login } from './screens/Login';
import { Overview } from './screens/Overview';
import { VisitList } from './screens/VisitList';
import { VisitEditor } from './screens/visit/VisitEditor';
import { PatientList } from './screens/PatientList';
import { PatientEditor } from './screens/PatientEditor';
import { TemplateList } from './screens/TemplateList';
import { TemplateEditor } from './screens/TemplateEditor';
import { References } from './screens/References';
import { NotFound } from './screens/UnderConstruction';
import { SourceDetail, SourceList } from './screens/Sources';
import { Registries } from './screens/Registries';
import { Settings } from './screens/Settings';
import { useEffect } from 'preact/hooks';

function Screen(props: { path: string; query: URLSearchParams }) {
  const { path, query } = props;
  let m: Record<string, string> | null;
  if (path === '/') return <Overview />;
  if (path === '/visits') return <VisitList />;
  if (path === '/visits/new') return <VisitEditor key={`new-${query.get('patient')}`} id={null} patientId={query.get('patient')} />;
  if ((m = match('/visits/:id', path))) return <VisitEditor key={m.id} id={m.id} patientId={null} />;
  if (path === '/patients') return <PatientList />;
  if ((m = match('/patients/:id', path))) return <PatientEditor key={m.id} id={m.id === 'new' ? null : m.id} />;
  if (path === '/templates') return <TemplateList />;
  if ((m = match('/templates/:id', path))) return <TemplateEditor key={m.id} id={m.id === 'new' ? null : m.id} />;
  if (path === '/reference') return <References book={null} />;
  if ((m = match('/reference/:book', path))) return <References book={m.book} />;
  if (path === '/sources') return <SourceList />;
  if ((m = match('/sources/:id', path))) return <SourceDetail key={m.id} id={m.id === 'new' ? null : m.id} />;
  if (path === '/registries') return <Registries section="packs" />;
  if ((m = match('/registries/:section', path))) return <Registries section={m.section} />;
  if (path === '/settings') return <Settings />;
  return <NotFound />;
}

export function App() {
  const s = useStore(session);
  const r = useRoute();
  useEffect(() => {
    if (!s && r.path !== '/login') navigate('/login' + (r.path !== '/' ? `?next=${encodeURIComponent(r.path + location.search)}` : ''), { replace: true, force: true });
    if (s && r.path === '/login') navigate('/', { replace: true, force: true });
  }, [s, r.path]);
  if (!s || r.path === '/login') return <Login next={r.query.get('next')} />;
  return (
    <>
      <Shell session={s} path={r.path}>
        <Screen path={r.path} query={r.query} />
      </Shell>
      <DialogHost />
    </>
  );
}
