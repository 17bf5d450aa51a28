import type { Page } from 'playwright-core';

/**
 * What makes the page wider than the window, one line each: the document scrolling sideways, any
 * visible element reaching past either edge that is not inside a sideways-scrolling region, and any
 * such region that a keyboard or screen-reader user could not find (it needs role="region", a label
 * and tabindex="0", as GOV.UK and WCAG 2.1.1 ask of scrollable areas).
 */
export function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const root = document.documentElement;
    if (root.scrollWidth > width) problems.push(`page is ${root.scrollWidth}px wide in a ${width}px window`);
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
    };
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const clips = (el: Element) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const reported = new Set<Element>();
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden text, the honeypot
      if (rect.right <= width + 0.5 && rect.left >= -0.5) continue;
      let inside = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (scrolls(a) || clips(a)) {
          inside = true;
          break;
        }
        if (reported.has(a)) {
          inside = true; // its ancestor is already reported
          break;
        }
      }
      if (inside) continue;
      reported.add(el);
      problems.push(`${describe(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)}px`);
    }
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (!scrolls(el) || el.scrollWidth <= el.clientWidth) continue;
      // On a laptop, tables fit; only the pipeline board's columns may scroll.
      if (width >= 1280 && !el.classList.contains('app-board'))
        problems.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth}px off screen`);
      const labelled = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
      if (el.getAttribute('tabindex') !== '0' || el.getAttribute('role') !== 'region' || !labelled)
        problems.push(`${describe(el)} scrolls sideways but is not a labelled, focusable region`);
    }
    // Form controls stay inside the box that holds them (a board card, a table cell).
    const controls =
      'select, textarea, button, input:not([type=hidden]):not([type=radio]):not([type=checkbox])';
    for (const el of Array.from(document.body.querySelectorAll(controls))) {
      if (el.closest('.app-hp')) continue; // the honeypot is off screen on purpose
      const rect = el.getBoundingClientRect();
      const box = el.parentElement?.getBoundingClientRect();
      if (rect.width <= 1 || !box) continue;
      if (rect.right > box.right + 1 || rect.left < box.left - 1)
        problems.push(
          `${describe(el)} sticks out of its container by ${Math.round(rect.right - box.right)}px`,
        );
    }
    return problems;
  });
}

/**
 * Structure every page keeps: one h1, and the service navigation on one line on a laptop (it wraps
 * into a "Menu" button on a phone).
 */
export function structureProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const h1s = document.querySelectorAll('h1').length;
    if (h1s !== 1) problems.push(`${h1s} h1 headings`);
    if (window.innerWidth >= 1000) {
      const tops = new Set(
        Array.from(document.querySelectorAll('.govuk-service-navigation__item')).map((li) =>
          Math.round(li.getBoundingClientRect().top),
        ),
      );
      if (tops.size > 1) problems.push(`the service navigation wraps onto ${tops.size} lines`);
      const logo = document.querySelector('.govuk-generic-header__logo')?.getBoundingClientRect();
      const account = document.querySelector('.app-header-user')?.getBoundingClientRect();
      if (logo && account && account.top >= logo.bottom)
        problems.push('the signed-in user’s links sit below the service name');
    }
    return problems;
  });
}
