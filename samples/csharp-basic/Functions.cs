using System;
using System.Threading.Tasks;

/// <summary>Functions for the C# worker (see docs/protocol.md): typed parameters, async, errors, logs.</summary>
public static class Functions
{
    public static int Add(int a, int b) => a + b;

    public static string Greet(string name) => $"Hello, {name}!";

    public static async Task<string> LaterAsync(int ms)
    {
        await Task.Delay(ms);
        return $"waited {ms} ms";
    }

    public static double Divide(double a, double b) =>
        b == 0 ? throw new DivideByZeroException("Cannot divide by zero.") : a / b;

    public static int[] Doubled(int[] items) => Array.ConvertAll(items, item => item * 2);

    // Console output goes to the app's log, never into the protocol stream.
    public static void Noisy(string x) => Console.WriteLine($"noisy called with {x}");
}
