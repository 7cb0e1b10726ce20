import type { RetrainJob } from '../monitor/index.js';
import { round3 } from './metrics-text.js';

interface GateDetail {
  passed: boolean;
  primary_metric: string;
  gates: { gate: string; passed: boolean }[];
  scores: { candidate: Record<string, number>; champion: Record<string, number> | null };
}

/** One line per step of a closed-loop job's trail, in words. */
export function jobLines(job: RetrainJob): string[] {
  return job.history.map((h) => {
    const d = h.detail as Record<string, unknown>;
    switch (h.step) {
      case 'triggered':
        return `the ${job.trigger} alert started retrain job ${job.id}`;
      case 'retrained':
        return `retrained on the newest version of ${d.dataset} with the champion's recorded config → ${job.model}:${job.candidate} (test accuracy ${round3((d.metrics as Record<string, number>).accuracy)})`;
      case 'gate': {
        const g = d as unknown as GateDetail;
        const m = g.primary_metric;
        return `gate vs the champion ${job.model}:${job.champion}: ${m} ${round3(g.scores.candidate[m])} vs ${g.scores.champion ? round3(g.scores.champion[m]) : '—'}; ${g.gates.map((x) => `${x.passed ? 'pass' : 'FAIL'} ${x.gate}`).join(', ')}`;
      }
      case 'canary':
        return `canary: ${job.model}:${job.candidate} answers ${d.percent}% of @production until it has answered ${d.requests} requests`;
      case 'canary verdict':
      case 'promote':
        return `verdict after ${d.candidate_requests} canary requests (p99 ${round3(Number(d.candidate_p99_ms))} ms vs champion ${d.champion_p99_ms === null ? '—' : round3(Number(d.champion_p99_ms))} ms): ${h.status}${d.reason ? ` — ${d.reason}` : ''}`;
      case 'error':
        return `failed: ${d.error}`;
      default:
        return `${h.step}: ${h.status}`;
    }
  });
}

/** The job in one line: its trail so far and its status. */
export function jobText(job: RetrainJob): string {
  return `${job.history.map((h) => h.step).join(' → ')} (${job.status})`;
}
