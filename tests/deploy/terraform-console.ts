// terraform/variables.tf checked by the terraform binary itself. `terraform validate` and `plan` need the
// providers, which cannot be downloaded here; `terraform console` needs none for a directory that holds only
// variables, and it runs every variable's validation rules on the values given (refusals go to stderr).
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TERRAFORM_DIR } from "./terraform-config";

const run = promisify(execFile);

export interface VariableCheck {
  /** Each refusal's text, whitespace collapsed (terraform wraps long messages). */
  errors: string[];
  /** What the console printed for the expression asked, when nothing was refused. */
  value: string;
}

/** Runs terraform/variables.tf's validation rules on `vars` (-var name=value each) and reports the outcome. */
export async function checkVariables(vars: Record<string, string>, expression = "1"): Promise<VariableCheck> {
  const dir = await mkdtemp(join(tmpdir(), "edm-tf-vars-"));
  try {
    await copyFile(join(TERRAFORM_DIR, "variables.tf"), join(dir, "variables.tf"));
    const cliConfig = join(dir, "terraformrc");
    await writeFile(cliConfig, "");
    const args = [
      "console",
      "-no-color",
      ...Object.entries(vars).flatMap(([name, value]) => ["-var", `${name}=${value}`]),
    ];
    const pending = run("terraform", args, {
      cwd: dir,
      // No update check over the network, and no user CLI configuration.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        CHECKPOINT_DISABLE: "1",
        TF_CLI_CONFIG_FILE: cliConfig,
      },
    });
    pending.child.stdin?.end(`${expression}\n`);
    const { stdout, stderr } = await pending.catch(
      (error: NodeJS.ErrnoException & { stdout?: string; stderr?: string }) => {
        if (error.code === "ENOENT") {
          throw new Error(
            "the terraform binary is not on PATH; install Terraform 1.9 or later to run these tests",
          );
        }
        return { stdout: error.stdout ?? "", stderr: `${error.stderr ?? ""}\n${error.message}` };
      },
    );
    const errors = stderr
      .split(/^Error: /m)
      .slice(1)
      .map((block) => block.replace(/\s+/g, " ").trim());
    return { errors, value: stdout.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
