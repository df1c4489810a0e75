namespace Faas.Core.Languages;

/// <summary>What a language is called and how its scripts look.</summary>
/// <param name="Id">The id in inspect, logs and settings (<c>node</c>); also accepted as a <c>language_id</c>.</param>
/// <param name="Name">For people: <c>Node.js</c>.</param>
/// <param name="Aliases">Other <c>language_id</c> values meaning this language (<c>nodejs</c>), matched ignoring case.</param>
/// <param name="Extensions">Its script extensions, with the dot, lower case.</param>
/// <param name="CallsPerWorker">Calls one worker runs at once unless <c>Faas:Pools:ConcurrencyPerWorker</c> says otherwise; null: the pool's default.</param>
public sealed record LanguageInfo(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Extensions,
    int? CallsPerWorker = null)
{
    /// <summary>The id, then the aliases.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Id);
}
