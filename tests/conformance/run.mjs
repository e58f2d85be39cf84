// Runs the conformance suite. With SIM_BASE_URL set it tests that simulator; otherwise it starts one
// (`dotnet run --project src/TradingActors.Simulator -- --port N`), waits until it answers, runs the
// suite against it and stops it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

async function waitUntilAnswering(baseUrl, simulator, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (simulator.exitCode !== null) {
            throw new Error(`the simulator exited with code ${simulator.exitCode} before answering`);
        }
        try {
            const response = await fetch(`${baseUrl}/api/v3/ping`);
            if (response.ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the simulator did not answer ${baseUrl}/api/v3/ping within ${timeoutMs} ms`);
}

function runSuite(env) {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec'], { cwd: here, env, stdio: 'inherit' });
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
}

/** Stops the simulator's whole process group (dotnet run starts the app as a child): Ctrl+C first, then kill. */
async function stop(simulator) {
    if (simulator.exitCode !== null || simulator.signalCode !== null) {
        return;
    }
    const exited = new Promise((resolve) => simulator.once('exit', resolve));
    const signal = (name) => {
        try {
            process.kill(-simulator.pid, name);
        } catch {
            // the group is already gone
        }
    };
    signal('SIGINT');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) {
        signal('SIGKILL');
        await exited;
    }
}

let simulator;
let exitCode = 1;
try {
    const env = { ...process.env };
    if (!env.SIM_BASE_URL) {
        const port = await freePort();
        env.SIM_BASE_URL = `http://127.0.0.1:${port}`;
        console.log(`Starting the simulator on ${env.SIM_BASE_URL} ...`);
        simulator = spawn('dotnet', ['run', '--project', path.join(repoRoot, 'src', 'TradingActors.Simulator'), '--', '--port', String(port)],
            { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
        await waitUntilAnswering(env.SIM_BASE_URL, simulator, 180_000);
    }
    exitCode = await runSuite(env);
} catch (error) {
    console.error(error.message);
} finally {
    if (simulator) {
        await stop(simulator);
    }
}
process.exit(exitCode);
