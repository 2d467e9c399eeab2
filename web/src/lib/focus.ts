/** An attachment that moves focus to the element when it appears (confirmation panels, error summaries). */
export function focusOnShow(node: HTMLElement): void {
  node.focus();
}
