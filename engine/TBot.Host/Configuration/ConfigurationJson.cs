using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using TBot.Engine.Instruments;

namespace TBot.Host.Configuration;

/// <summary>
/// Turns the layered <see cref="IConfiguration"/> (flat string keys) back into JSON shaped by the target type, so the
/// strict <see cref="Running.RunConfig"/> can be deserialized from it. Walking the type here, rather than letting the
/// serializer stop at its first error, is what lists every unknown key and every value of the wrong type at once.
/// Values from environment variables are strings: numbers and booleans are read from their text.
/// </summary>
public static partial class ConfigurationJson
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();

    /// <summary>The JSON for <paramref name="type"/> from the children of <paramref name="section"/>; problems are added.</summary>
    public static JsonObject ToJson(IConfiguration section, Type type, List<string> problems) =>
        Object(section.GetChildren().ToList(), type, "", problems);

    /// <summary>The configuration keys of a type (JSON names), e.g. the top-level sections of RunConfig.</summary>
    public static IReadOnlyCollection<string> KeysOf(Type type) => PropertiesOf(type).Values.Select(JsonName).ToArray();

    private static JsonNode? Convert(IConfigurationSection s, Type type, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = s.GetChildren().ToList();
        if (type == typeof(JsonElement)) return Infer(s, children);
        if (IsScalar(type))
        {
            if (children.Count > 0)
            {
                problems.Add($"{path}: expected a value, got a section ({string.Join(", ", children.Select(c => c.Key))}).");
                return null;
            }
            return Scalar(s.Value, type, path, problems);
        }
        if (children.Count == 0 && !string.IsNullOrEmpty(s.Value))
        {
            problems.Add($"{path}: expected {(IsList(type, out _) ? "a list" : "a section")}, got the value '{s.Value}'.");
            return null;
        }
        if (IsList(type, out var item))
        {
            var array = new JsonArray();
            var indexed = new List<(int Index, IConfigurationSection Child)>();
            foreach (var c in children)
            {
                if (int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i)) indexed.Add((i, c));
                else problems.Add($"{path}.{c.Key}: expected a list (keys 0, 1, ...), got the key '{c.Key}'.");
            }
            foreach (var (i, c) in indexed.OrderBy(x => x.Index))
                if (Convert(c, item, $"{path}[{i}]", problems) is { } node) array.Add(node);
            return array;
        }
        if (IsDictionary(type, out var value))
        {
            var map = new JsonObject();
            foreach (var c in children)
            {
                var key = DictionaryKey(c.Key, value);
                var before = problems.Count;
                var node = Convert(c, value, Join(path, key), problems);
                if (problems.Count == before) map[key] = node;
            }
            return map;
        }
        return Object(children, type, path, problems);
    }

    private static JsonObject Object(List<IConfigurationSection> children, Type type, string path, List<string> problems)
    {
        var props = PropertiesOf(type);
        var obj = new JsonObject();
        foreach (var c in children)
        {
            if (!props.TryGetValue(c.Key, out var p))
            {
                problems.Add($"{Join(path, c.Key)}: unknown key (known here: {string.Join(", ", props.Values.Select(JsonName))}).");
                continue;
            }
            var name = JsonName(p);
            var before = problems.Count;
            var node = Convert(c, p.PropertyType, Join(path, name), problems);
            // A bad or empty value leaves the default in place, so the rest of the configuration is still checked.
            if (problems.Count > before || (node is null && p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null)) continue;
            obj[name] = node;
        }
        return obj;
    }

    private static JsonNode? Scalar(string? text, Type type, string path, List<string> problems)
    {
        if (string.IsNullOrEmpty(text)) return type == typeof(string) ? null : null;
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(string)) return JsonValue.Create(text);
        if (type == typeof(bool))
        {
            if (bool.TryParse(text.Trim(), out var b)) return JsonValue.Create(b);
            problems.Add($"{path}: '{text}' is not true or false.");
            return null;
        }
        if (type == typeof(int))
        {
            if (int.TryParse(text.Trim(), NumberStyles.Integer, c, out var i)) return JsonValue.Create(i);
            problems.Add($"{path}: '{text}' is not a whole number.");
            return null;
        }
        if (type == typeof(long))
        {
            if (long.TryParse(text.Trim(), NumberStyles.Integer, c, out var l)) return JsonValue.Create(l);
            problems.Add($"{path}: '{text}' is not a whole number.");
            return null;
        }
        if (type == typeof(double))
        {
            if (double.TryParse(text.Trim(), NumberStyles.Float, c, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
            problems.Add($"{path}: '{text}' is not a number.");
            return null;
        }
        if (type == typeof(decimal))
        {
            if (decimal.TryParse(text.Trim(), NumberStyles.Float, c, out var m)) return JsonValue.Create(m);
            problems.Add($"{path}: '{text}' is not a number.");
            return null;
        }
        problems.Add($"{path}: values of type {type.Name} are not supported.");
        return null;
    }

    /// <summary>Free-form values (strategy parameters): objects, lists, booleans, numbers and strings from the text.</summary>
    private static JsonNode? Infer(IConfigurationSection s, List<IConfigurationSection> children)
    {
        if (children.Count == 0)
        {
            var text = s.Value;
            if (text is null) return null;
            if (text is "true" or "false") return JsonValue.Create(text == "true");
            if (JsonNumber().IsMatch(text)) return JsonNode.Parse(text);
            return JsonValue.Create(text);
        }
        var ints = children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        if (ints.All(i => i >= 0) && ints.Order().SequenceEqual(Enumerable.Range(0, ints.Count)))
        {
            var array = new JsonArray();
            foreach (var c in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture))) array.Add(Infer(c, c.GetChildren().ToList()));
            return array;
        }
        var obj = new JsonObject();
        foreach (var c in children) obj[c.Key] = Infer(c, c.GetChildren().ToList());
        return obj;
    }

    /// <summary>Environment variables arrive upper-case: venue names and strategy parameter names are lower-case.</summary>
    private static string DictionaryKey(string key, Type value)
    {
        var lower = key.ToLowerInvariant();
        if (VenueNames.TryParse(lower, out _)) return lower;
        if (value == typeof(JsonElement) && key == key.ToUpperInvariant()) return lower;
        return key;
    }

    private static bool IsScalar(Type t) => t == typeof(string) || t.IsPrimitive || t == typeof(decimal);

    private static bool IsList(Type t, out Type item)
    {
        item = typeof(object);
        if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(List<>)) return false;
        item = t.GetGenericArguments()[0];
        return true;
    }

    private static bool IsDictionary(Type t, out Type value)
    {
        value = typeof(object);
        if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(Dictionary<,>) || t.GetGenericArguments()[0] != typeof(string)) return false;
        value = t.GetGenericArguments()[1];
        return true;
    }

    private static Dictionary<string, PropertyInfo> PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
    {
        var map = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is not { IsPublic: true } || p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            map[JsonName(p)] = p;
        }
        return map;
    });

    private static string JsonName(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
