namespace Geometry;

/// <summary>A point; arrives from JSON as {"x":1,"y":2} (any case) and goes back as {"X":1,"Y":2}.</summary>
public sealed record Point(double X, double Y);

/// <summary>The functions this app exports: the public static methods of its public classes.</summary>
public static class Shapes
{
    public static int Multiply(int a, int b) => a * b;

    public static Point Midpoint(Point a, Point b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);

    public static string Repeat(string text, int times = 2) => string.Concat(Enumerable.Repeat(text, times));

    public static Dictionary<string, int> WordLengths(List<string> words) =>
        words.Distinct().ToDictionary(word => word, word => word.Length);
}
