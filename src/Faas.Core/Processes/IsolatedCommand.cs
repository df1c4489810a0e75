namespace Faas.Core.Processes;

/// <summary>
/// A command ready to start: wrapped in <c>bwrap</c> and <c>prlimit</c> as the sandbox decided, with
/// its whole environment (<paramref name="InheritEnvironment"/> false: nothing of the server's).
/// </summary>
/// <param name="Cgroups">The cgroups the command enters (see <see cref="Processes.Cgroups"/>), removed with its process group.</param>
public sealed record IsolatedCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    bool InheritEnvironment,
    IReadOnlyList<string>? Cgroups = null)
{
    /// <summary>The command as is, with the server's environment and <paramref name="environment"/> on top (no isolation).</summary>
    public static IsolatedCommand Inherit(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment) =>
        new(fileName, arguments, environment ?? new Dictionary<string, string?>(), InheritEnvironment: true);

    /// <summary>Sets this command's environment on <paramref name="start"/>.</summary>
    public void ApplyEnvironment(System.Diagnostics.ProcessStartInfo start)
    {
        if (!InheritEnvironment)
        {
            start.Environment.Clear();
        }
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }
    }
}
