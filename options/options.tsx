// Settings: edit config/scrubber.yaml with validation as you type. An invalid
// config cannot be saved, and the last good config stays in force.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { parseScrubConfig, type ConfigError } from '../src/core/scrub/config';
import { ask, send } from '../src/platform/messaging';
import { loadProvenance, saveProvenance, type ProvenanceSettings } from '../src/platform/provenance-settings';
import '../src/ui/base.css';
import './options.css';

/** Who is recording, for a dataset's provenance: only a salted hash of the id goes into exports. */
function Provenance() {
  const [p, setP] = useState<ProvenanceSettings | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => { void loadProvenance().then(setP); }, []);
  if (!p) return null;
  return (
    <section aria-labelledby="prov-h">
      <h2 id="prov-h">Dataset provenance</h2>
      <p class="muted">
        Optional. Exports carry a salted SHA-256 hash of this id (never the id), so a team can count or remove one
        person's demonstrations. Give everyone in a team the same salt to make hashes comparable across machines.
      </p>
      <label class="row">Demonstrator id <input value={p.demonstratorId} onInput={(e) => setP({ ...p, demonstratorId: (e.target as HTMLInputElement).value })} /></label>
      <label class="row">Team salt <input value={p.salt} onInput={(e) => setP({ ...p, salt: (e.target as HTMLInputElement).value })} /></label>
      <button type="button" onClick={() => void saveProvenance(p).then(() => setNote('Saved: the next export carries the new hash.'))}>Save provenance</button>
      <p role="status" aria-live="polite">{note}</p>
    </section>
  );
}

function App() {
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const [defaultText, setDefaultText] = useState('');
  const [status, setStatus] = useState('');
  const [serverErrors, setServerErrors] = useState<ConfigError[]>([]);

  useEffect(() => {
    void ask<'config/get'>({ kind: 'config/get' }).then((r) => {
      setText(r.text);
      setSaved(r.text);
      setDefaultText(r.defaultText);
      setStatus(r.isDefault ? 'Using the shipped defaults.' : 'Using your saved config.');
    });
  }, []);

  const parsed = useMemo(() => parseScrubConfig(text), [text]);
  const errors = parsed.ok ? serverErrors : parsed.errors;
  const dirty = text !== saved;

  const save = async (): Promise<void> => {
    const reply = await send<'config/save'>({ kind: 'config/save', text });
    if (reply.ok) {
      setSaved(text);
      setServerErrors([]);
      setStatus(`Saved. It applies to pages from their next recording start (config ${reply.hash}).`);
    } else {
      setServerErrors(reply.errors);
      setStatus('Not saved: the config in force is unchanged.');
    }
  };

  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setText(await file.text());
    setStatus(`Imported ${file.name}; press Save to use it.`);
  };

  const exportFile = (): void => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'scrubber.yaml';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <main>
      <h1>ALIEN Dataflow settings</h1>
      <p class="muted">
        The privacy filter runs in the page and in the extension before anything is stored. Each field is explained
        in the comments below. An invalid config is refused; the last good one stays in force.
      </p>
      <label for="config"><strong>Scrubber config (YAML)</strong></label>
      <textarea
        id="config" spellcheck={false} value={text} aria-describedby="config-status config-errors"
        aria-invalid={!parsed.ok} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      {errors.length > 0 ? (
        <ul class="errors" id="config-errors" role="alert" aria-label="Config errors">
          {errors.map((e, i) => (
            <li key={i} class="error">{e.line !== null ? `Line ${e.line}: ` : ''}{e.path ? `${e.path}: ` : ''}{e.message}</li>
          ))}
        </ul>
      ) : <p id="config-errors" class="ok">Valid.</p>}
      <div class="toolbar">
        <button type="button" class="primary" disabled={!parsed.ok || !dirty} onClick={() => void save()}>Save</button>
        <button type="button" disabled={!dirty} onClick={() => setText(saved)}>Discard changes</button>
        <button type="button" onClick={() => setText(defaultText)}>Reset to defaults</button>
        <label class="row">Import YAML <input type="file" accept=".yaml,.yml,text/yaml" onChange={(e) => void importFile((e.target as HTMLInputElement).files?.[0])} /></label>
        <button type="button" onClick={exportFile}>Export YAML</button>
      </div>
      <p id="config-status" role="status" aria-live="polite">{status}</p>
      <Provenance />
    </main>
  );
}

render(<App />, document.getElementById('app')!);
