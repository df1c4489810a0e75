namespace Faas.Core.Languages;

/// <summary>A language of an app and how its workers start (the app's env included).</summary>
public sealed record LanguageWorker(ILanguage Language, WorkerStart Start)
{
    /// <summary>The start of one worker: with its memory capped when <paramref name="memoryLimitMb"/> is positive.</summary>
    public WorkerStart StartWith(int memoryLimitMb) => memoryLimitMb > 0 ? Language.LimitMemory(Start, memoryLimitMb) : Start;
}
