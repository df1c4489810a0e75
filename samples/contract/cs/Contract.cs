using System;
using System.Text.Json;
using System.Threading.Tasks;

/// <summary>
/// The worker contract sample (C#): the same functions, with the same behaviour, as the node, py,
/// rb and ts samples beside it. tests/Faas.Server.Tests/Contract runs them all. Names are
/// camelCase like the others, so every language answers the same calls.
/// </summary>
public static class Contract
{
    /// <summary>Returns its argument unchanged (a JsonElement keeps the JSON as it came).</summary>
    public static JsonElement echo(JsonElement value) => value;

    public static double add(double a, double b) => a + b;

    /// <summary>Throws an error with the given message.</summary>
    public static void fails(string message) => throw new InvalidOperationException(message);

    /// <summary>Prints to stdout (which must end up in the app log, never in the result) and returns text.</summary>
    public static string shout(string text)
    {
        Console.WriteLine($"contract-stdout:{text}");
        return text;
    }

    /// <summary>Waits without blocking other calls.</summary>
    public static async Task<int> napMs(int ms)
    {
        await Task.Delay(ms);
        return ms;
    }

    /// <summary>Ends the worker process at once.</summary>
    public static void exitWith(int code) => Environment.Exit(code);

    /// <summary>Never returns, keeping the CPU busy.</summary>
    public static void spin()
    {
        while (true)
        {
        }
    }
}
