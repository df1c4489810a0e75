using System.Text.RegularExpressions;
using Faas.Core.Deployments;

namespace Faas.Core.Services;

/// <summary>
/// An app's environment: its active version's deploy env until it is changed through the API or by
/// a function (<c>env.set</c>), then the env kept in <see cref="EnvStore"/>. Workers started later get
/// it as their process env; <c>faas.env.get</c> reads it at call time.
/// </summary>
public sealed partial class AppEnvironment(EnvStore store, DeploymentRegistry registry)
{
    public const int MaxVariables = 100;
    public const int MaxNameLength = 100;
    public const int MaxValueLength = 10_000;

    /// <summary>The app's env now: the kept one, else the active version's (empty before a deploy).</summary>
    public IReadOnlyDictionary<string, string> Get(string app) =>
        store.TryGet(app) ?? Deployed(app);

    /// <summary>The kept env, or null (the version's own applies): what workers start with.</summary>
    public IReadOnlyDictionary<string, string>? Changed(string app) => store.TryGet(app);

    /// <summary>Replaces the whole env (names and values checked first: a 400 names the first bad one).</summary>
    public void Replace(string app, IReadOnlyDictionary<string, string> env)
    {
        if (env.Count > MaxVariables)
        {
            throw new FaasException(FaasError.BadRequest, $"env: at most {MaxVariables} variables (got {env.Count}).");
        }
        foreach (var (name, value) in env)
        {
            Check(name, value);
        }
        store.Replace(app, env);
    }

    public void Set(string app, string name, string value)
    {
        Check(name, value);
        var env = new Dictionary<string, string>(Get(app), StringComparer.Ordinal) { [name] = value };
        if (env.Count > MaxVariables)
        {
            throw new FaasException(FaasError.BadRequest, $"env: at most {MaxVariables} variables.");
        }
        store.Replace(app, env);
    }

    /// <summary>True when the variable was set.</summary>
    public bool Delete(string app, string name)
    {
        var env = new Dictionary<string, string>(Get(app), StringComparer.Ordinal);
        if (!env.Remove(name))
        {
            return false;
        }
        store.Replace(app, env);
        return true;
    }

    /// <summary>Keeps <paramref name="env"/> as the app's env as it is (a deploy's merged env, already checked).</summary>
    public void Keep(string app, IReadOnlyDictionary<string, string> env) => store.Replace(app, env);

    /// <summary>Forgets the app's env (it was deleted).</summary>
    public void DeleteApp(string app) => store.DeleteApp(app);

    public static void Check(string name, string value)
    {
        if (name.Length is 0 or > MaxNameLength || !NamePattern().IsMatch(name))
        {
            throw new FaasException(FaasError.BadRequest, $"env: the name '{name}' is not valid: 1 to {MaxNameLength} letters, digits or '_'.");
        }
        if (value.Length > MaxValueLength || value.Contains('\0'))
        {
            throw new FaasException(FaasError.BadRequest, $"env: the value of '{name}' must be at most {MaxValueLength} characters, without NUL.");
        }
    }

    private Dictionary<string, string> Deployed(string app) =>
        registry.TryGet(app, out var deployment) && (deployment.Active?.Record.Env ?? deployment.Record.Env) is { } env
            ? env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex NamePattern();
}
