# Sums scripts/ci-cpu-sample.sh's output: CPU seconds by kind of process (Chromium's browser, renderer,
# extension and GPU processes, Firefox's main and content processes, node) and by the e2e test file whose
# process started it (through the parent chain; processes the chain does not reach are listed under '-').
import sys, re, collections
def secs(t):
    # ps times= gives cumulative seconds as integer
    return int(t)
procs = {}  # pid -> dict(ppid, cpu, args, first, last)
T=None
T0=None
for line in open(sys.argv[1], errors='replace'):
    if line.startswith('T '):
        T=int(line.split()[1]); T0=T0 or T; continue
    if not line.startswith('P '): continue
    parts=line.rstrip('\n').split(' ',4)
    if len(parts)<5: continue
    _,pid,ppid,t,args=parts
    key=(pid,args[:60])
    p=procs.setdefault(key,{'ppid':ppid,'cpu':0,'args':args,'first':T,'last':T,'pid':pid,'base':secs(t) if T==T0 else 0})
    p['cpu']=max(p['cpu'],secs(t)-p['base']); p['last']=T
bypid={}
for k,p in procs.items(): bypid[p['pid']]=p
def testfile(p, depth=0):
    m=re.search(r'tests/e2e/([\w-]+)\.test\.ts', p['args'])
    if m: return m.group(1)
    if depth>12: return None
    par=bypid.get(p['ppid'])
    if not par or par is p: return None
    return testfile(par, depth+1)
def kind(a):
    if 'firefox' in a:
        m=re.search(r'-isForBrowser|tab$| (tab|extension|gpu|rdd|socket|utility|forkserver|web|privilegedabout)\b', a)
        if '-contentproc' in a:
            m=re.search(r'\b(tab|rdd|socket|utility|gpu|forkserver)\s*$', a)
            return 'firefox-'+(m.group(1) if m else 'content')
        return 'firefox-main'
    if 'chrom' in a:
        m=re.search(r'--type=([\w-]+)', a)
        if m:
            t=m.group(1)
            if t=='renderer' and '--extension-process' in a: t='extension'
            return 'chromium-'+t
        return 'chromium-main'
    if 'tesseract' in a: return 'tesseract'
    if 'node' in a: return 'node'
    return a.split()[0][-30:]
tot=collections.Counter(); byfile=collections.defaultdict(collections.Counter)
for p in procs.values():
    k=kind(p['args']); f=testfile(p) or '-'
    tot[k]+=p['cpu']; byfile[f][k]+=p['cpu']
print('TOTAL', sum(tot.values()))
for k,v in tot.most_common(25): print(f'{k:30s}{v:7d}')
print()
rows=sorted(byfile.items(), key=lambda kv:-sum(kv[1].values()))
for f,c in rows[:40]:
    print(f'{f:28s}{sum(c.values()):6d}  '+', '.join(f'{k} {v}' for k,v in c.most_common(6)))
