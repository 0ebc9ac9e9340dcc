//! The `courier` command: a thin layer over the library.
//!
//! Exit codes: 0 success; 1 `check` found the crate stale; 2 the input (or output folder)
//! could not be used; 3 an internal error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use courier::{Builder, Error, Generated};

/// Generate typed Rust client crates from Postman collections and OpenAPI documents.
#[derive(Debug, Parser)]
#[command(name = "courier", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a client crate (Cargo.toml, README.md, src/) generated from INPUT into DIR.
    Generate {
        #[command(flatten)]
        options: Options,
        /// The crate folder to write; files courier did not generate are left alone.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// Exit with 1 and a short diff when the crate in DIR is not what INPUT generates.
    Check {
        #[command(flatten)]
        options: Options,
        /// The crate folder to compare.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// List the operations and types INPUT would generate, without writing anything.
    Inspect {
        #[command(flatten)]
        options: Options,
    },
}

#[derive(Debug, clap::Args)]
struct Options {
    /// A Postman collection (v2.0 or v2.1), a single exported request item, or an OpenAPI
    /// document (Swagger 2.0, OpenAPI 3.0, 3.1 or 3.2; JSON or YAML).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// Package name of the generated crate [default: from the description's title]
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Also emit `src/examples.rs`: each operation called with the description's own values
    #[arg(long)]
    examples: bool,
}

impl Options {
    fn builder(&self) -> Builder {
        let builder = Builder::new(&self.input).with_examples(self.examples);
        match &self.crate_name {
            Some(name) => builder.with_crate_name(name),
            None => builder,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", printable(&error.to_string()));
            match error {
                Error::Internal { .. } | Error::InvalidIr(_) => ExitCode::from(3),
                _ => ExitCode::from(2),
            }
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Generate { options, output } => {
            let started = Instant::now();
            let generated = options.builder().generate()?;
            warn(&generated);
            let summary = generated.write_to(&output)?;
            println!(
                "generated {} ({} operations, {} types) into {} in {} ms: {} written, {} unchanged, {} removed",
                generated.crate_name,
                generated.api.operations.len(),
                generated.api.types.len(),
                output.display(),
                started.elapsed().as_millis(),
                summary.written.len(),
                summary.unchanged.len(),
                summary.removed.len(),
            );
            for path in &summary.written {
                println!("  wrote {path}");
            }
            for path in &summary.removed {
                println!("  removed {path}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { options, output } => {
            let generated = options.builder().generate()?;
            let freshness = generated.check(&output)?;
            if freshness.is_fresh() {
                println!(
                    "{} is up to date with {}",
                    output.display(),
                    options.input.display()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                print!("{freshness}");
                eprintln!(
                    "error: {} is stale; run `courier generate {} -o {}`",
                    output.display(),
                    options.input.display(),
                    output.display()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Inspect { options } => {
            let generated = options.builder().generate()?;
            warn(&generated);
            print!("{}", printable(&courier::emit::inspect(&generated.api)));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn warn(generated: &Generated) {
    for warning in &generated.warnings {
        eprintln!("warning: {}", printable(&warning.to_string()));
    }
}

/// Text from the input made safe for a terminal: control characters other than newlines (an
/// escape sequence could rewrite the screen or the window title) are shown escaped.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
