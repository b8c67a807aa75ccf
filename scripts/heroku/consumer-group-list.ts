// Reads `heroku kafka:consumer-groups`. The plugin (heroku/heroku-kafka-jsplugin: commands/consumer_groups.js,
// and commands/kafka/consumer-groups/index.ts since its oclif rewrite) has no --json flag for this command:
// it prints a "=== ..." heading, then a one-column "Name" table, or two sentences when there is no group.
// The table's look changed with the CLI's table library (heroku-cli-util's `cli.table`, then oclif's, then
// @oclif/table, with or without borders and colours), so this reads any of them, and refuses anything else
// at once: a format it does not know must fail the apply now, not after the 900 s wait for groups that
// were there all along.

/** A line that only draws a table: rules, corners and junctions. */
const RULE = /^[\s─━═\-+|│┃┌┐└┘├┤┬┴┼╭╮╰╯╞╡╪]+$/;
/** The table's cell borders, on either side of a cell. */
const CELL_BORDERS = /^[│┃|]\s*|\s*[│┃|]$/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;
/** Kafka's own rule for group names (letters, digits, ".", "_", "-"). */
const GROUP_NAME = /^[A-Za-z0-9._-]+$/;
const NO_GROUPS = /^No consumer groups found/i;

export class UnknownCliOutputError extends Error {
  constructor(why: string, output: string) {
    const excerpt = output.split(/\r?\n/).slice(0, 8).join("\n");
    super(
      `heroku kafka:consumer-groups printed something this script does not know how to read (${why}); update scripts/heroku/consumer-group-list.ts for the CLI's new format. Its output began:\n${excerpt}`,
    );
    this.name = "UnknownCliOutputError";
  }
}

/** Group names (as the CLI lists them, prefix included) from the command's output; throws on an unknown format. */
export function parseConsumerGroupList(output: string): string[] {
  const lines = output
    .replace(ANSI, "")
    .split(/\r?\n/)
    .map((line) => line.trim());
  const content = lines.filter((line) => line !== "" && !line.startsWith("===") && !RULE.test(line));
  if (
    content.length > 0 &&
    content.every((line) => NO_GROUPS.test(line) || /consumer-groups:create/.test(line))
  ) {
    return [];
  }
  const cells = content.map((line) => line.replace(CELL_BORDERS, "").trim());
  if (cells[0]?.toLowerCase() !== "name") {
    throw new UnknownCliOutputError('no "Name" column header where the table should start', output);
  }
  const names = cells.slice(1);
  const odd = names.find((name) => !GROUP_NAME.test(name));
  if (odd !== undefined) {
    throw new UnknownCliOutputError(`"${odd.slice(0, 80)}" is not a consumer group name`, output);
  }
  return names;
}
