namespace Faas.Core.Languages;

/// <summary>What a language is called and how its scripts look.</summary>
/// <param name="Id">The id in inspect, logs and settings (<c>node</c>); also accepted as a <c>language_id</c>.</param>
/// <param name="Name">For people: <c>Node.js</c>.</param>
/// <param name="Aliases">Other <c>language_id</c> values meaning this language (<c>nodejs</c>), matched ignoring case.</param>
/// <param name="Extensions">Its script extensions, with the dot, lower case.</param>
/// <param name="CallsPerWorker">Calls one worker runs at once unless <c>Faas:Pools:ConcurrencyPerWorker</c> says otherwise; null: the pool's default.</param>
/// <param name="RunsCallsOnOneEventLoop">
/// Its worker runs every call's code on one event loop (Node.js, TypeScript): such a worker that still
/// answers a ping is running no call, only waiting on some, so a call past its timeout ends alone.
/// </param>
public sealed record LanguageInfo(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Extensions,
    int? CallsPerWorker = null,
    bool RunsCallsOnOneEventLoop = false)
{
    /// <summary>The id, then the aliases.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Id);
}
