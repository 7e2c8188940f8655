using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace KazNer.Stream.Configuration;

/// <summary>
/// Checks that every scalar setting of an options section converts to its type before the binder sees it,
/// because the binder's failure is an exception without the allowed values. Each problem is one line that
/// names the key, the value and what is allowed.
/// </summary>
internal static class SettingsCheck
{
    public static IEnumerable<string> Problems(IConfiguration configuration, string section, Type options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{section}:{property.Name}";
            if (configuration[key] is not { } value)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (Problem(key, value, type, property.GetCustomAttribute<RangeAttribute>()) is { } problem)
            {
                yield return problem;
            }
        }
    }

    private static string? Problem(string key, string value, Type type, RangeAttribute? range)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!) && !IsNumber(value)
                ? null
                : $"{key} '{value}' is not one of {string.Join(", ", Enum.GetNames(type))}";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            var allowed = range is null ? "a whole number" : $"a whole number in {range.Minimum}..{range.Maximum}";
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && (type == typeof(long) || number is >= int.MinValue and <= int.MaxValue)
                ? null
                : $"{key} '{value}' is not {allowed}";
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(value, out _) ? null : $"{key} '{value}' is not true or false";
        }

        return null;
    }

    private static bool IsNumber(string value) => value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] == '-');
}
