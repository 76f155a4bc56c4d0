using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Paperwire.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks; every timestamp Paperwire keeps is UTC.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
