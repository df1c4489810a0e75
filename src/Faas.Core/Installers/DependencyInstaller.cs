using System.Text.Json;
using Faas.Core.Logging;
using Faas.Core.Paths;
using Faas.Core.Processes;
using Faas.Core.Workers;

namespace Faas.Core.Installers;

/// <summary>
/// Installs an app's dependencies in every folder that declares some: <c>package.json</c> with
/// npm (into that folder's node_modules), <c>requirements.txt</c> with pip into the app's own
/// packages folder (never the system site-packages). A manifest that declares nothing is skipped,
/// so an app without dependencies never touches the network.
/// </summary>
public sealed class DependencyInstaller(WorkerOptions options, string pythonExecutable)
{
    public async Task InstallAsync(string appDirectory, string pythonTarget, AppLog log, CancellationToken cancellationToken)
    {
        foreach (var folder in AppFiles.FoldersWith(appDirectory, "package.json"))
        {
            if (DeclaresNpmDependencies(Path.Combine(folder, "package.json")))
            {
                await RunAsync("npm install", options.NpmPath,
                    ["install", "--no-audit", "--no-fund", "--no-progress", "--omit=dev"],
                    folder, appDirectory, log, cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var folder in AppFiles.FoldersWith(appDirectory, "requirements.txt"))
        {
            if (DeclaresRequirements(Path.Combine(folder, "requirements.txt")))
            {
                Directory.CreateDirectory(pythonTarget);
                await RunAsync("pip install", pythonExecutable,
                    ["-m", "pip", "install", "-r", "requirements.txt", "--target", pythonTarget, "--upgrade",
                     "--disable-pip-version-check", "--no-input", "--no-warn-script-location"],
                    folder, appDirectory, log, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(
        string what, string fileName, IReadOnlyList<string> arguments, string folder, string appDirectory,
        AppLog log, CancellationToken cancellationToken)
    {
        var where = Path.GetRelativePath(appDirectory, folder).Replace('\\', '/');
        log.Write("install", $"{what} in {where}");
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(fileName, arguments, folder, options.InstallTimeout,
                onLine: line => log.Write("install", line), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FaasException(FaasError.BadRequest, $"{what} in {where} could not start ({fileName}): {e.Message}", e);
        }
        if (!result.Succeeded)
        {
            var why = result.TimedOut ? $"timed out after {options.InstallTimeout.TotalSeconds:0} s" : $"exited with code {result.ExitCode}";
            throw new FaasException(FaasError.BadRequest, $"{what} in {where} failed ({why}):\n{result.Tail(15)}");
        }
    }

    private static bool DeclaresNpmDependencies(string packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            static bool NonEmpty(JsonElement root, string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any();
            var hasInstallScript = root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
                && (scripts.TryGetProperty("install", out _) || scripts.TryGetProperty("postinstall", out _) || scripts.TryGetProperty("preinstall", out _));
            return NonEmpty(root, "dependencies") || NonEmpty(root, "optionalDependencies") || hasInstallScript;
        }
        catch (JsonException)
        {
            // Let npm report what is wrong with it.
            return true;
        }
    }

    private static bool DeclaresRequirements(string requirements) =>
        File.ReadLines(requirements).Any(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'));
}
