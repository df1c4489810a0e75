using System.Reflection;

namespace Faas.Worker.CSharp;

/// <summary>
/// Awaiting what an async function returns. The result comes from the declared type, not the
/// runtime one: an <c>async Task</c> method really returns a <c>Task&lt;VoidTaskResult&gt;</c>,
/// whose internal result must not be sent back.
/// </summary>
internal static class TaskResults
{
    /// <summary>A function that awaits a value of <paramref name="returnType"/>, or null if that type is not awaited.</summary>
    public static Func<object?, Task<object?>>? AwaiterFor(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return async value =>
            {
                await ((Task?)value ?? Task.CompletedTask).ConfigureAwait(false);
                return null;
            };
        }
        if (returnType == typeof(ValueTask))
        {
            return async value =>
            {
                await ((ValueTask?)value ?? ValueTask.CompletedTask).ConfigureAwait(false);
                return null;
            };
        }
        if (!returnType.IsGenericType)
        {
            return null;
        }
        var definition = returnType.GetGenericTypeDefinition();
        if (definition == typeof(Task<>))
        {
            var result = returnType.GetProperty(nameof(Task<int>.Result))!;
            return value => ResultOf(value as Task, result);
        }
        if (definition == typeof(ValueTask<>))
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask), Type.EmptyTypes)!;
            var result = asTask.ReturnType.GetProperty(nameof(Task<int>.Result))!;
            return value => ResultOf(value is null ? null : (Task?)asTask.Invoke(value, null), result);
        }
        return null;
    }

    private static async Task<object?> ResultOf(Task? task, PropertyInfo result)
    {
        if (task is null)
        {
            return null;
        }
        await task.ConfigureAwait(false);
        return result.GetValue(task);
    }
}
