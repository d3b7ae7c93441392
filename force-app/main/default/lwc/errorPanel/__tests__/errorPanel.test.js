import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-error-panel', () => {
    it('announces the friendly message as an alert and hides the details at first', () => {
        const element = render({ friendlyMessage: 'Billing could not be loaded.', errors: { body: { message: 'HTTP 503' } } });

        const alert = element.shadowRoot.querySelector('[role="alert"]');
        expect(alert).not.toBeNull();
        expect(alert.querySelector('.title').textContent).toBe('Billing could not be loaded.');
        expect(element.shadowRoot.querySelector('.details')).toBeNull();
        const toggle = element.shadowRoot.querySelector('button.toggle');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect(toggle.textContent.trim()).toBe('c.MLC_Show_Details');
        expect(element.shadowRoot.querySelector('lightning-icon').alternativeText).toBe('Billing could not be loaded.');
    });

    it('shows the reduced messages when the details are expanded, accessibly', async () => {
        const element = render({ errors: [{ body: [{ message: 'First' }] }, new Error('Second')] });

        element.shadowRoot.querySelector('button.toggle').click();
        await Promise.resolve();

        const items = [...element.shadowRoot.querySelectorAll('.details li')].map((li) => li.textContent);
        expect(items).toEqual(['First', 'Second']);
        const toggle = element.shadowRoot.querySelector('button.toggle');
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(toggle.textContent.trim()).toBe('c.MLC_Hide_Details');
        expect(element.shadowRoot.querySelector('.title').textContent).toBe('c.MLC_Error_Title');
        await expect(element).toBeAccessible();
    });

    it('has no details toggle when there is nothing to detail', () => {
        const element = render({ friendlyMessage: 'Unsupported page.' });
        expect(element.shadowRoot.querySelector('button.toggle')).toBeNull();
    });
});
