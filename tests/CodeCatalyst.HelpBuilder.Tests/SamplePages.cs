namespace CodeCatalyst.HelpBuilder.Tests;

/// <summary>Small markdown pages used by the converter tests.</summary>
internal static class SamplePages
{
    public const string Valid = """
---
external help file: Sample.dll-Help.xml
Module Name: Sample
online version: https://example.com/help/Get-SampleItem
schema: 2.0.0
---

# Get-SampleItem

## SYNOPSIS
Gets sample items.

## SYNTAX

### ByName (Default)
```
Get-SampleItem [[-Name] <String[]>] [-Force] [<CommonParameters>]
```

### ByPath
```
Get-SampleItem -Path <String> [-Name <String[]>] [-Force] [<CommonParameters>]
```

## DESCRIPTION
First paragraph of the description,
wrapped over two lines.

Second paragraph with **bold** text.

## EXAMPLES

### Example 1: Get everything
```powershell
Get-SampleItem
```

Gets every item.

### Example 2: Two code blocks
```powershell
Get-SampleItem -Name a
```

```output
a
```

First remark.

Second remark.

## PARAMETERS

### -Name
The names of the items.

```yaml
Type: String[]
Parameter Sets: ByName
Aliases: N, ItemName

Required: False
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

```yaml
Type: String[]
Parameter Sets: ByPath
Aliases: N, ItemName

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -Path
The path of the item.

```yaml
Type: String
Parameter Sets: ByPath
Aliases:
Accepted values: A, B

Required: True
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
Boilerplate that is ignored.

## INPUTS

### System.String[]
Names.

## OUTPUTS

### Sample.Item
An item.

## NOTES
A note.

## RELATED LINKS

[Set-SampleItem](Set-SampleItem.md)

[Project site](https://example.com/sample)
""";

    /// <summary>Replaces <paramref name="find"/> in the valid page; fails if it is not there.</summary>
    public static string ValidWith(string find, string replace)
    {
        Assert.Contains(find, Valid);
        return Valid.Replace(find, replace);
    }
}
