import { render } from 'preact';
import '../src/ui/base.css';

function App() {
  return <main><h1>ALIEN Dataflow settings</h1><p>The scrubber configuration editor is not built yet.</p></main>;
}
render(<App />, document.getElementById('app')!);
