Attribute VB_Name = "DealerXL"
' dealer_xl ribbon dispatcher: ONE generic callback for every button of the ribbon.
'
' A button's tag names an action of dealer_xl/actions/registry.py (the allowlist). The tag is
' handed to Python, which looks it up and refuses anything not in the allowlist. Only tags made
' of a-z and _ are passed on at all, so a tag can never inject code into the RunPython command.
' Python shows every message (in Chinese) itself; this module stays ASCII because the VBA
' project keeps its source in a Western code page. Source: macros/DealerXL.bas.
Option Explicit

Public Sub DxAction(control As IRibbonControl)
    Dim tag As String
    tag = control.Tag
    If Not IsSafeTag(tag) Then
        MsgBox ChrW(26410) & ChrW(30693) & ChrW(30340) & ChrW(25805) & ChrW(20316) & ChrW(65292) & ChrW(24050) & ChrW(25298) & ChrW(32477) & ChrW(25191) & ChrW(34892) & ChrW(65306) & tag, vbCritical, "dealer_xl"
        Exit Sub
    End If
    RunPython "import dealer_xl.excel.dispatch as d; d.run('" & tag & "')"
End Sub

Private Function IsSafeTag(tag As String) As Boolean
    Dim i As Long
    If Len(tag) = 0 Or Len(tag) > 64 Then Exit Function
    For i = 1 To Len(tag)
        If Not (Mid$(tag, i, 1) Like "[a-z_]") Then Exit Function
    Next i
    IsSafeTag = True
End Function
