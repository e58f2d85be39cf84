using System.Text;

namespace TradingActors.Hocon.Internal;

internal static class PathExpression
{
    /// <summary>Splits <c>a."b.c".d</c> into its elements; quoted elements keep their dots.</summary>
    public static List<string> Split(string path)
    {
        var keys = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in path)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '.' && !quoted)
            {
                keys.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        keys.Add(current.ToString());
        return keys;
    }
}
