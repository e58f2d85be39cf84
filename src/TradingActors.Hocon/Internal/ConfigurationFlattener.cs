using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TradingActors.Hocon.Internal;

/// <summary>Maps a HOCON tree to configuration keys: <c>a.b.c</c> becomes <c>a:b:c</c>, array items <c>a:b:0</c>.</summary>
internal static class ConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(HoconValue root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Visit(root, null, data);
        return data;
    }

    private static void Visit(HoconValue value, string? key, Dictionary<string, string?> data)
    {
        switch (value.Kind)
        {
            case HoconValueKind.Object:
                var fields = value.GetObject();
                if (fields.Count == 0 && key is not null)
                {
                    // Like the JSON provider: an empty section still exists.
                    data[key] = null;
                }

                foreach (var (name, child) in fields)
                {
                    Visit(child, key is null ? name : ConfigurationPath.Combine(key, name), data);
                }

                break;
            case HoconValueKind.Array:
                var items = value.GetArray();
                if (items.Count == 0 && key is not null)
                {
                    data[key] = null;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Visit(items[i], ConfigurationPath.Combine(key ?? string.Empty, i.ToString(CultureInfo.InvariantCulture)), data);
                }

                break;
            case HoconValueKind.Null:
                data[key!] = null;
                break;
            default:
                data[key!] = value.GetString();
                break;
        }
    }
}
