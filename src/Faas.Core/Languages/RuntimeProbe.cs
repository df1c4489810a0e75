using Faas.Core.Processes;

namespace Faas.Core.Languages;

/// <summary>Runs a runtime's version command once: its version and real executable, or why it is unusable.</summary>
internal static class RuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<RuntimeStatus> RunAsync(RuntimeRequirement requirement)
    {
        var missingFile = requirement.RequiredFiles.FirstOrDefault(f => !File.Exists(f));
        if (missingFile is not null)
        {
            return Unavailable(requirement, $"its worker file {missingFile} is missing (was the server built and published whole?)");
        }
        var lines = new List<string>();
        ProcessResult result;
        try
        {
            // Run outside any project folder, so no global.json or .python-version steers the answer.
            result = await ProcessRunner.RunAsync(requirement.Executable, requirement.VersionArguments, Path.GetTempPath(), Timeout,
                onLine: line => { lock (lines) { lines.Add(line); } }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            return Unavailable(requirement, $"'{requirement.Executable}' was not found or could not be run");
        }
        string[] output;
        lock (lines)
        {
            output = [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];
        }
        if (!result.Succeeded || output.Length == 0)
        {
            var why = result.TimedOut ? $"timed out after {Timeout.TotalSeconds:0} s" : $"exited with code {result.ExitCode}";
            return Unavailable(requirement, $"'{requirement.Executable} {string.Join(' ', requirement.VersionArguments)}' {why}{(output.Length > 0 ? ": " + output[^1] : "")}");
        }
        var executable = output.Length > 1 && Path.IsPathFullyQualified(output[1]) && File.Exists(output[1]) ? output[1] : requirement.Executable;
        // "Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio": the version, not the banner after it.
        var version = output[0].Split("  ", 2)[0];
        return new RuntimeStatus(requirement.Name, executable, version, null);
    }

    private static RuntimeStatus Unavailable(RuntimeRequirement requirement, string why) =>
        new(requirement.Name, requirement.Executable, null,
            $"{requirement.Name} is not installed: {requirement.InstallHint}, or set {requirement.Setting} ({why}).");
}
