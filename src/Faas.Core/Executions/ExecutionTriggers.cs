namespace Faas.Core.Executions;

/// <summary>What started an execution (<c>ctx.trigger</c>).</summary>
public static class ExecutionTriggers
{
    /// <summary>A Hub <c>call</c> or <c>await</c> route.</summary>
    public const string Call = "call";

    /// <summary>An HTTP function (<c>/fn/{app}</c>).</summary>
    public const string Http = "http";
}
