//! newman, Postman's own runtime, pinned by `scripts/newman/package-lock.json` and installed
//! with `npm ci` into `target/newman` (a scratch folder; never a dependency of the project).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use serde_json::Value;

/// The pinned version; `scripts/newman/package.json` says the same.
pub const VERSION: &str = "6.2.2";

static INSTALL: Mutex<()> = Mutex::new(());

/// The newman executable: `COURIER_NEWMAN` when set, else the one in `target/newman`,
/// installed there first when absent. `Err` says why it cannot be had (no npm, no registry).
pub fn executable(workspace: &Path) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("COURIER_NEWMAN") {
        return Ok(PathBuf::from(path));
    }
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let folder = workspace.join("target/newman");
    let bin = folder.join("node_modules/.bin/newman");
    let pinned = std::fs::read(workspace.join("scripts/newman/package-lock.json"))
        .map_err(|error| format!("scripts/newman/package-lock.json: {error}"))?;
    let installed = std::fs::read(folder.join("package-lock.json")).ok();
    if bin.is_file() && installed.as_deref() == Some(pinned.as_slice()) {
        return Ok(bin);
    }
    std::fs::create_dir_all(&folder).map_err(|error| error.to_string())?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(
            workspace.join("scripts/newman").join(file),
            folder.join(file),
        )
        .map_err(|error| format!("{file}: {error}"))?;
    }
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&folder)
        .output()
        .map_err(|error| format!("npm cannot be run ({error}); install Node.js and npm"))?;
    if !output.status.success() {
        return Err(format!(
            "npm ci in {} failed: {}",
            folder.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let version = Command::new(&bin)
        .arg("--version")
        .output()
        .map_err(|error| format!("{}: {error}", bin.display()))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    if version != VERSION {
        return Err(format!("installed newman {version}, expected {VERSION}"));
    }
    Ok(bin)
}

/// What newman said of each request it ran: item location → error, when the request failed
/// before anything could be received.
pub struct Run {
    pub errors: Vec<(String, String)>,
}

/// Runs `collection` (newman's copy) with newman. Every origin in it is the recorder's; a
/// proxy that refuses every connection stands for the rest of the world, so a request the
/// harness failed to move cannot leave the machine.
pub fn run(newman: &Path, collection: &Value, dir: &Path) -> Result<Run, String> {
    let input = dir.join("newman-collection.json");
    let report = dir.join("newman-report.json");
    std::fs::write(&input, serde_json::to_vec_pretty(collection).expect("JSON"))
        .map_err(|error| error.to_string())?;
    let output = Command::new(newman)
        .arg("run")
        .arg(&input)
        .args(["--reporters", "json", "--reporter-json-export"])
        .arg(&report)
        .args([
            "--timeout-request",
            "20000",
            "--ignore-redirects",
            "--disable-unicode",
            "--suppress-exit-code",
            "--color",
            "off",
        ])
        .current_dir(dir)
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("http_proxy", "http://127.0.0.1:9")
        .env("https_proxy", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1")
        .output()
        .map_err(|error| format!("newman cannot be run: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "newman failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text =
        std::fs::read_to_string(&report).map_err(|error| format!("newman report: {error}"))?;
    let report: Value = serde_json::from_str(&text).map_err(|error| error.to_string())?;
    let mut errors = Vec::new();
    for execution in report["run"]["executions"].as_array().into_iter().flatten() {
        let error = &execution["requestError"];
        if !error.is_null() {
            let error = error["message"]
                .as_str()
                .or(error["code"].as_str())
                .map_or_else(|| error.to_string(), str::to_owned);
            let item = execution["request"]["header"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|header| header["key"] == super::recorder::ITEM_HEADER)
                .and_then(|header| header["value"].as_str())
                .unwrap_or_default()
                .to_owned();
            errors.push((item, error));
        }
    }
    Ok(Run { errors })
}
