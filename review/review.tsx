import { render } from 'preact';
import '../src/ui/base.css';

function App() {
  return <main><h1>Review</h1><p>The review page is not built yet.</p></main>;
}
render(<App />, document.getElementById('app')!);
