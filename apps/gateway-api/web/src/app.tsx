import { Suspense, lazy } from 'react';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { Loading } from './components/ui';
import { Shell } from './components/shell';
import { useSession } from './session/use-session';

const Login = lazy(() => import('./pages/auth/login'));
const SignUp = lazy(() => import('./pages/auth/signup'));
const AcceptInvitation = lazy(() => import('./pages/auth/accept-invitation'));
const Home = lazy(() => import('./pages/home'));
const Onboarding = lazy(() => import('./pages/onboarding'));
const Bots = lazy(() => import('./pages/bots/bots'));
const BotDetail = lazy(() => import('./pages/bots/bot-detail'));
const Inbox = lazy(() => import('./pages/inbox/inbox'));
const Tickets = lazy(() => import('./pages/tickets'));
const Customers = lazy(() => import('./pages/customers'));
const Channels = lazy(() => import('./pages/channels'));
const Analytics = lazy(() => import('./pages/analytics/analytics'));
const Team = lazy(() => import('./pages/settings/team'));
const ApiKeys = lazy(() => import('./pages/settings/api-keys'));
const WorkspaceSettings = lazy(() => import('./pages/settings/workspace'));

function SignedIn() {
  const session = useSession();
  const [location] = useLocation();
  if (!session) return <Redirect to={`/login?next=${encodeURIComponent(location)}`} replace />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={Home} />
          <Route path="/onboarding" component={Onboarding} />
          <Route path="/onboarding/:step" component={Onboarding} />
          <Route path="/bots" component={Bots} />
          <Route path="/bots/:botId" component={BotDetail} />
          <Route path="/bots/:botId/:tab" component={BotDetail} />
          <Route path="/inbox" component={Inbox} />
          <Route path="/inbox/:conversationId" component={Inbox} />
          <Route path="/tickets" component={Tickets} />
          <Route path="/tickets/:ticketId" component={Tickets} />
          <Route path="/customers" component={Customers} />
          <Route path="/customers/:customerId" component={Customers} />
          <Route path="/channels" component={Channels} />
          <Route path="/analytics" component={Analytics} />
          <Route path="/settings/team" component={Team} />
          <Route path="/settings/api-keys" component={ApiKeys} />
          <Route path="/settings/workspace" component={WorkspaceSettings} />
          <Route>
            <div className="page">
              <h1>Not found</h1>
              <p>There is no page at this address.</p>
            </div>
          </Route>
        </Switch>
      </Suspense>
    </Shell>
  );
}

export function App() {
  return (
    <Router base="/app">
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/login" component={Login} />
          <Route path="/signup" component={SignUp} />
          <Route path="/accept-invitation" component={AcceptInvitation} />
          <Route>
            <SignedIn />
          </Route>
        </Switch>
      </Suspense>
    </Router>
  );
}
