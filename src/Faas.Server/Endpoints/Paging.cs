using System.Globalization;
using Faas.Core;

namespace Faas.Server.Endpoints;

/// <summary><c>?limit=</c> (1 to 100, default 20) and <c>?offset=</c> (default 0) of the list routes; anything else is a 400.</summary>
internal readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static Paging From(HttpRequest request) =>
        new(Read(request, "limit", DefaultLimit, 1, MaxLimit), Read(request, "offset", 0, 0, int.MaxValue));

    private static int Read(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FaasException(FaasError.BadRequest, $"?{name}= must be a whole number from {min} to {max}, not '{text}'.");
    }
}
