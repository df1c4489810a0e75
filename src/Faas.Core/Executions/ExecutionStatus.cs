namespace Faas.Core.Executions;

public static class ExecutionStatus
{
    public const string Pending = "pending";
    public const string Success = "success";
    public const string Error = "error";
    public const string Timeout = "timeout";

    /// <summary>The error of an execution that was still running when the server stopped or crashed.</summary>
    public const string Interrupted = "interrupted: the server stopped before the execution ended";
}
