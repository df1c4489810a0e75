namespace Faas.Server.Hosting;

/// <summary>Set once every stored app has been restored; <c>/api/readiness</c> answers 200 only then.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
