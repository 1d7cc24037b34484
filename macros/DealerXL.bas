Attribute VB_Name = "DealerXL"
' dealer_xl ribbon dispatcher: ONE generic callback for every button of the ribbon.
'
' A button's tag names an action of dealer_xl/actions/registry.py (the allowlist). The tag is
' handed to Python, which looks it up and refuses anything not in the allowlist. Only tags made
' of a-z and _ are passed on at all, so a tag can never inject code into the RunPython command.
' Before Python starts, DxAction checks there is an active workbook that Python may write: not
' none, not one in Protected View, not this add-in, not read-only; otherwise it says (in Chinese)
' what to do. Every run-time error ends in DxAction's own handler, so no VBA Debug dialog shows.
' Python shows every other message (in Chinese) itself. This module stays ASCII because the VBA
' project keeps its source in a Western code page: Chinese text is written as Unicode code points
' for Zh(). Source: macros/DealerXL.bas.
Option Explicit

Private Const TITLE As String = "dealer_xl"

Public Sub DxAction(control As IRibbonControl)
    Dim tag As String, refusal As String
    On Error GoTo Failed
    tag = control.Tag
    If Not IsSafeTag(tag) Then
        MsgBox Zh("672a 77e5 7684 64cd 4f5c ff0c 5df2 62d2 7edd 6267 884c ff1a") & tag, vbCritical, TITLE
        Exit Sub
    End If
    refusal = WorkbookRefusal()
    If Len(refusal) > 0 Then
        MsgBox refusal, vbExclamation, TITLE
        Exit Sub
    End If
    RunPython "import dealer_xl.excel.dispatch as d; d.run('" & tag & "')"
    Exit Sub
Failed:
    Application.ScreenUpdating = True
    Application.StatusBar = False
    MsgBox Zh("7ecf 9500 5546 52a9 624b 6ca1 80fd 8fd0 884c ff08 53f0 8d26 6ca1 6709 88ab 6539 52a8 ff09 ff1a") & Err.Description & " (" & Err.Number & ")" & Zh("3002 8bf7 5728 547d 4ee4 884c 8fd0 884c 0020 0064 0065 0061 006c 0065 0072 002d 0078 006c 0020 0064 006f 0063 0074 006f 0072 0020 68c0 67e5 5b89 88c5 ff0c 6216 628a 6b64 6d88 606f 622a 56fe 53d1 7ed9 0020 0049 0054 0020 652f 6301 3002"), vbCritical, TITLE
End Sub

' Why the ribbon cannot act on the active workbook, in Chinese; "" when it can.
Private Function WorkbookRefusal() As String
    If InProtectedView() Then
        WorkbookRefusal = Zh("6b64 5de5 4f5c 7c3f 5904 4e8e 201c 53d7 4fdd 62a4 7684 89c6 56fe 201d ff1a 8bf7 5148 70b9 7a97 53e3 4e0a 65b9 9ec4 8272 63d0 793a 680f 4e2d 7684 201c 542f 7528 7f16 8f91 201d ff0c 518d 70b9 6309 94ae 3002")
    ElseIf ActiveWorkbook Is Nothing Then
        WorkbookRefusal = Zh("8bf7 5148 6253 5f00 4e00 672c 53f0 8d26 ff08 5de5 4f5c 7c3f ff09 ff0c 518d 70b9 7ecf 9500 5546 52a9 624b 7684 6309 94ae 3002")
    ElseIf ActiveWorkbook Is ThisWorkbook Or ActiveWorkbook.IsAddin Then
        WorkbookRefusal = Zh("5f53 524d 7a97 53e3 662f 7ecf 9500 5546 52a9 624b 52a0 8f7d 9879 672c 8eab ff1a 8bf7 5148 5207 6362 5230 4e00 672c 53f0 8d26 ff08 5de5 4f5c 7c3f ff09 ff0c 518d 70b9 6309 94ae 3002")
    ElseIf ActiveWorkbook.ReadOnly Then
        WorkbookRefusal = Zh("6b64 5de5 4f5c 7c3f 662f 53ea 8bfb 6253 5f00 7684 ff0c 7ed3 679c 65e0 6cd5 5199 5165 ff1a 8bf7 5173 95ed 540e 4ee5 53ef 7f16 8f91 65b9 5f0f 91cd 65b0 6253 5f00 ff08 6216 8bf7 6b63 5728 4f7f 7528 5b83 7684 540c 4e8b 5148 5173 95ed ff09 ff0c 518d 70b9 6309 94ae 3002")
    End If
End Function

' True when the window in front is a Protected View window (Excel 2010 and later).
Private Function InProtectedView() As Boolean
    On Error Resume Next
    InProtectedView = Not (Application.ActiveProtectedViewWindow Is Nothing)
    On Error GoTo 0
End Function

' The text of space-separated hexadecimal Unicode code points, e.g. Zh("53f0 8d26").
Private Function Zh(codes As String) As String
    Dim part As Variant
    For Each part In Split(codes, " ")
        Zh = Zh & ChrW(CLng("&H" & part))
    Next part
End Function

Private Function IsSafeTag(tag As String) As Boolean
    Dim i As Long
    If Len(tag) = 0 Or Len(tag) > 64 Then Exit Function
    For i = 1 To Len(tag)
        If Not (Mid$(tag, i, 1) Like "[a-z_]") Then Exit Function
    Next i
    IsSafeTag = True
End Function
