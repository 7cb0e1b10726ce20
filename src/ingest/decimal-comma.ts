import { type DuckDBEngine, quoteIdent, quoteLiteral } from '../engine/index.js';

/** Rows sampled per column; the warning only needs to be right about the sample. */
const SAMPLE_ROWS = 50_000;
/** A number written with a decimal comma, optionally with `.` or space thousands groups: `39,1`, `-1.234,5`. */
const DECIMAL_COMMA = String.raw`\s*[+-]?([0-9]{1,3}([. ][0-9]{3})+|[0-9]+),[0-9]+\s*`;
/** Comma-grouped thousands such as `1,234`: one comma with exactly three digits after it could be either. */
const THOUSANDS = String.raw`\s*[+-]?[0-9]{1,3}(,[0-9]{3})+\s*`;

/**
 * Warnings for the text columns of a snapshot whose every (sampled) value is
 * a number written with a decimal comma, e.g. `39,1`. Such a column is read
 * as categorical, which silently changes what a model can do with it. A
 * column whose values could all be thousands groupings (`1,234`) is left alone.
 */
export async function decimalCommaWarnings(engine: DuckDBEngine, parquetPath: string): Promise<string[]> {
  const file = quoteLiteral(parquetPath);
  const cols = (await engine.describe(`read_parquet(${file})`)).filter((c) => c.type === 'VARCHAR');
  if (cols.length === 0) return [];
  const aggs = cols.flatMap((c, i) => {
    const q = quoteIdent(c.name);
    return [
      `count(${q}) AS n${i}`,
      `count(*) FILTER (WHERE regexp_full_match(${q}, ${quoteLiteral(DECIMAL_COMMA)})) AS m${i}`,
      `count(*) FILTER (WHERE regexp_full_match(${q}, ${quoteLiteral(THOUSANDS)})) AS t${i}`,
      `min(${q}) FILTER (WHERE regexp_full_match(${q}, ${quoteLiteral(DECIMAL_COMMA)})) AS e${i}`,
    ];
  });
  const [r] = await engine.rows<Record<string, bigint | number | string | null>>(
    `SELECT ${aggs.join(', ')} FROM (SELECT * FROM read_parquet(${file}) LIMIT ${SAMPLE_ROWS})`,
  );
  const out: string[] = [];
  cols.forEach((c, i) => {
    const n = Number(r[`n${i}`]);
    if (n > 0 && Number(r[`m${i}`]) === n && Number(r[`t${i}`]) < n) {
      out.push(
        `column "${c.name}" holds numbers with a decimal comma (e.g. "${String(r[`e${i}`]).trim()}") and was read as strings, not numbers — pass --decimal , to read it as numbers`,
      );
    }
  });
  return out;
}
