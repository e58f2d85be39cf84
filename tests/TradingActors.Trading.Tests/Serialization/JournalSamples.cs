using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using TradingActors.Exchange;

namespace TradingActors.Trading.Tests.Serialization;

/// <summary>
/// Builds a sample of any journaled type with every member set (no defaults), so a round trip that drops or
/// renames a member shows. Abstract types take their first <see cref="JsonDerivedTypeAttribute"/>.
/// </summary>
internal static class JournalSamples
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 7, 8, 9, 123, TimeSpan.Zero);

    public static object Create(Type type) => Create(type, depth: 0);

    private static object Create(Type type, int depth)
    {
        if (depth > 8)
        {
            throw new InvalidOperationException($"{type} nests too deep for a sample.");
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Create(underlying, depth);
        }

        if (Simple(type) is { } simple)
        {
            return simple;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }

        if (type.IsArray || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)))
        {
            return List(type, depth);
        }

        if (type.IsAbstract)
        {
            var derived = type.GetCustomAttributes<JsonDerivedTypeAttribute>().FirstOrDefault()
                ?? throw new InvalidOperationException($"{type} is abstract and names no derived type.");
            return Create(derived.DerivedType, depth + 1);
        }

        return Construct(type, depth);
    }

    private static object? Simple(Type type) => type switch
    {
        _ when type == typeof(string) => "text-" + Guid.NewGuid().ToString("N")[..6],
        _ when type == typeof(decimal) => 1234.5678m,
        _ when type == typeof(int) => 7,
        _ when type == typeof(long) => 42L,
        _ when type == typeof(double) => 0.5d,
        _ when type == typeof(bool) => true,
        _ when type == typeof(DateTimeOffset) => At,
        _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(5),
        _ when type == typeof(Symbol) => new Symbol("BTCUSDT"),
        _ when type == typeof(ClientOrderId) => ClientOrderId.FromExchange("ta-abc-en"),
        _ when type.GetConstructor([typeof(string)]) is { } ctor && type.IsValueType => ctor.Invoke(["id-1"]),
        _ => null,
    };

    private static object List(Type type, int depth)
    {
        var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
        var array = Array.CreateInstance(element, 1);
        array.SetValue(Create(element, depth + 1), 0);
        if (type.IsArray || type.IsAssignableFrom(array.GetType()))
        {
            return array;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        list.Add(array.GetValue(0));
        return list;
    }

    private static object Construct(Type type, int depth)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type} has no public constructor.");
        var instance = ctor.Invoke([.. ctor.GetParameters().Select(p => Create(p.ParameterType, depth + 1))]);

        // Init-only and required members the constructor does not take.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var current = property.GetValue(instance);
            if (current is null || current.Equals(Default(property.PropertyType)))
            {
                property.SetValue(instance, Create(property.PropertyType, depth + 1));
            }
        }

        return instance;
    }

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
