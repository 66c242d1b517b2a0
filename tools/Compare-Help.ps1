<#
    Compares two builds of the module's help: a MAML file and an about topic each. build.ps1 -Task Docs uses it
    to hold our generated help (tools/CodeCatalyst.HelpBuilder) to what platyPS's New-ExternalHelp makes of the
    same docs/. tests/CompareHelp.Tests.ps1 shows what counts as a difference.

    Order counts: examples, parameters and paragraphs must come in the same order on both sides, because Get-Help
    shows them in file order. Layout does not: indentation, line ends, runs of white space and the order of
    attributes within one element are not differences.
#>

function ConvertTo-HelpLine {
    # Flattens an XML document into one line per element, in document order: its path, its attributes sorted
    # by name (their order carries no meaning) and its text with runs of white space collapsed.
    param([Parameter(Mandatory)] [string] $Path)

    $document = [xml]::new()
    $document.PreserveWhitespace = $false
    $document.Load((Convert-Path -LiteralPath $Path))

    $lines = [System.Collections.Generic.List[string]]::new()
    $walk = {
        param([System.Xml.XmlElement] $Element, [string] $Parent)
        $here = "$Parent/$($Element.LocalName)"
        $attributes = @($Element.Attributes |
            Where-Object { $_.Prefix -ne 'xmlns' -and $_.LocalName -ne 'xmlns' } |
            Sort-Object LocalName |
            ForEach-Object { "$($_.LocalName)=$($_.Value)" }) -join ' '
        $text = (@($Element.ChildNodes |
            Where-Object { $_.NodeType -in 'Text', 'CDATA' } |
            ForEach-Object Value) -join '') -replace '\s+', ' '
        $lines.Add("$here [$attributes] $($text.Trim())")
        foreach ($child in $Element.ChildNodes) {
            if ($child -is [System.Xml.XmlElement]) {
                & $walk $child $here
            }
        }
    }
    & $walk $document.DocumentElement ''
    return , $lines.ToArray()
}

function ConvertTo-AboutLine {
    # The lines of an about_*.help.txt without trailing white space, with one blank line wherever there were
    # several, and without blank lines at either end.
    param([Parameter(Mandatory)] [string] $Path)

    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($line in ((Get-Content -LiteralPath $Path -Raw) -replace "`r`n?", "`n") -split "`n") {
        $line = $line.TrimEnd()
        if ($line -eq '' -and ($lines.Count -eq 0 -or $lines[$lines.Count - 1] -eq '')) { continue }
        $lines.Add($line)
    }
    while ($lines.Count -gt 0 -and $lines[$lines.Count - 1] -eq '') { $lines.RemoveAt($lines.Count - 1) }
    return , $lines.ToArray()
}

function Compare-HelpLine {
    <#
        Compares two line sequences in order. Returns nothing when they are equal; otherwise one string per
        differing line of the part between the longest common beginning and the longest common end, marked with
        the side it comes from and its line number there. At most -MaxLines per side are listed.
    #>
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [AllowEmptyString()] [string[]] $Reference,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [AllowEmptyString()] [string[]] $Difference,
        [string] $ReferenceName = 'platyPS',
        [string] $DifferenceName = 'ours',
        [string] $Label = '',
        [int] $MaxLines = 20
    )

    $start = 0
    while ($start -lt $Reference.Count -and $start -lt $Difference.Count -and $Reference[$start] -ceq $Difference[$start]) {
        $start++
    }
    $referenceEnd = $Reference.Count
    $differenceEnd = $Difference.Count
    while ($referenceEnd -gt $start -and $differenceEnd -gt $start -and $Reference[$referenceEnd - 1] -ceq $Difference[$differenceEnd - 1]) {
        $referenceEnd--
        $differenceEnd--
    }
    if ($start -eq $referenceEnd -and $start -eq $differenceEnd) {
        return
    }

    $width = [Math]::Max($ReferenceName.Length, $DifferenceName.Length)
    $prefix = if ($Label) { "${Label}: " } else { '' }
    foreach ($side in @(
            @{ Name = $ReferenceName; Lines = $Reference; End = $referenceEnd },
            @{ Name = $DifferenceName; Lines = $Difference; End = $differenceEnd })) {
        $shownEnd = [Math]::Min($side.End, $start + $MaxLines)
        for ($index = $start; $index -lt $shownEnd; $index++) {
            "$prefix$($side.Name.PadRight($width)) line $($index + 1): $($side.Lines[$index])"
        }
        if ($side.End -gt $shownEnd) {
            "$prefix$($side.Name.PadRight($width)) ... and $($side.End - $shownEnd) more line(s)"
        }
    }
}

function Compare-MamlHelp {
    # Differences between two MAML files (see Compare-HelpLine); nothing when they match.
    param(
        [Parameter(Mandatory)] [string] $ReferencePath,
        [Parameter(Mandatory)] [string] $DifferencePath,
        [string] $ReferenceName = 'platyPS',
        [string] $DifferenceName = 'ours'
    )

    Compare-HelpLine -Reference (ConvertTo-HelpLine $ReferencePath) -Difference (ConvertTo-HelpLine $DifferencePath) `
        -ReferenceName $ReferenceName -DifferenceName $DifferenceName -Label (Split-Path -Leaf $DifferencePath)
}

function Compare-AboutTopic {
    # Differences between two about_*.help.txt files (see Compare-HelpLine); nothing when they match.
    param(
        [Parameter(Mandatory)] [string] $ReferencePath,
        [Parameter(Mandatory)] [string] $DifferencePath,
        [string] $ReferenceName = 'platyPS',
        [string] $DifferenceName = 'ours'
    )

    if (-not (Test-Path -LiteralPath $DifferencePath)) {
        return "$(Split-Path -Leaf $DifferencePath): $DifferenceName has no such file ($DifferencePath)."
    }
    Compare-HelpLine -Reference (ConvertTo-AboutLine $ReferencePath) -Difference (ConvertTo-AboutLine $DifferencePath) `
        -ReferenceName $ReferenceName -DifferenceName $DifferenceName -Label (Split-Path -Leaf $DifferencePath)
}
