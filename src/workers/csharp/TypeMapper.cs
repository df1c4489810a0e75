namespace Faas.Worker.CSharp;

/// <summary>
/// C# types as MetaCall types in a signature: <c>{"name": the C# name, "id": the MetaCall type id}</c>.
/// The table is in docs/protocol.md (C#).
/// </summary>
internal static class TypeMapper
{
    private const int BoolId = 0, CharId = 1, ShortId = 2, IntId = 3, LongId = 4, FloatId = 5, DoubleId = 6, StringId = 7,
        BufferId = 8, ArrayId = 9, MapId = 10, FutureId = 12, NullId = 14, OtherId = 20;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(char)] = "char", [typeof(sbyte)] = "sbyte", [typeof(byte)] = "byte",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    private static readonly HashSet<Type> Lists =
    [
        typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(ICollection<>),
        typeof(IReadOnlyCollection<>), typeof(IEnumerable<>), typeof(HashSet<>), typeof(ISet<>),
    ];

    private static readonly HashSet<Type> Maps = [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    public static (string Name, int Id) Map(Type type) => (CSharpName(type), IdOf(Nullable.GetUnderlyingType(type) ?? type));

    /// <summary>The type as C# source spells it: keywords, <c>int[]</c>, <c>int?</c>, <c>List&lt;string&gt;</c>.</summary>
    public static string CSharpName(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }
        if (type.IsArray)
        {
            return $"{CSharpName(type.GetElementType()!)}[{new string(',', type.GetArrayRank() - 1)}]";
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return CSharpName(underlying) + "?";
        }
        if (type.IsGenericType)
        {
            var name = type.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(CSharpName))}>";
        }
        return type.Name;
    }

    private static int IdOf(Type type)
    {
        if (type.IsEnum)
        {
            return OtherId;
        }
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean: return BoolId;
            case TypeCode.Char: return CharId;
            case TypeCode.Int16: return ShortId;
            case TypeCode.Int32: return IntId;
            case TypeCode.Int64: return LongId;
            case TypeCode.Single: return FloatId;
            case TypeCode.Double or TypeCode.Decimal: return DoubleId;
            case TypeCode.String: return StringId;
        }
        if (type == typeof(void))
        {
            return NullId;
        }
        if (type == typeof(byte[]))
        {
            return BufferId;
        }
        if (type.IsArray)
        {
            return ArrayId;
        }
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return FutureId;
        }
        if (!type.IsGenericType)
        {
            return OtherId;
        }
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) ? FutureId
            : Lists.Contains(definition) ? ArrayId
            : Maps.Contains(definition) ? MapId
            : OtherId;
    }
}
